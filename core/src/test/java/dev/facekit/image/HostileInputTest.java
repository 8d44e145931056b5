package dev.facekit.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.sun.management.ThreadMXBean;
import dev.facekit.image.ImageDecodeException.Reason;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Hostile and broken input: each case ends in the expected pixels or in an {@link
 * ImageDecodeException} with the exact reason and a message that names the source. Every decode
 * runs under a generous 5-second guard against hangs; that is a correctness check, not a speed
 * claim.
 */
class HostileInputTest {

    private static final ImageDecoder DECODER = ImageDecoder.defaults();

    /** A header bomb must fail long before a pixel buffer exists; 10^10 pixels would be 30 GB. */
    private static final long BOMB_ALLOCATION_LIMIT = 32L << 20;

    private static byte[] jpeg;
    private static byte[] png;

    @TempDir Path dir;

    @BeforeAll
    static void fixtures() {
        jpeg = Encoded.jpeg(Probe.buffered(BufferedImage.TYPE_INT_RGB), 0.9f, false);
        png = Encoded.write(Probe.buffered(BufferedImage.TYPE_INT_RGB), "png");
        DECODER.decode(png, "warm-up"); // loads the ImageIO plugins before allocation is measured
    }

    // ------------------------------------------------------------ nothing, noise, text

    @Test
    void emptyBytesAreEmpty() {
        assertFails(new byte[0], "upload.jpg", Reason.EMPTY);
    }

    @Test
    void emptyFileIsEmptyAndNamedByItsPath() throws IOException {
        Path file = Files.write(dir.resolve("empty.png"), new byte[0]);
        ImageDecodeException e = failure(() -> DECODER.decode(file));
        assertThat(e.reason()).isEqualTo(Reason.EMPTY);
        assertThat(e.source()).isEqualTo(file.toString());
        assertThat(e.getMessage()).startsWith(file.toString()).contains("no bytes");
    }

    @Test
    void missingFileIsUnreadable() {
        Path file = dir.resolve("nowhere.jpg");
        ImageDecodeException e = failure(() -> DECODER.decode(file));
        assertThat(e.reason()).isEqualTo(Reason.UNREADABLE);
        assertThat(e.getMessage()).startsWith(file.toString());
    }

    @Test
    void directoryIsUnreadable() {
        ImageDecodeException e = failure(() -> DECODER.decode(dir));
        assertThat(e.reason()).isEqualTo(Reason.UNREADABLE);
        assertThat(e.getMessage()).startsWith(dir.toString());
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void randomBytesAreAnUnknownFormat(long seed) {
        byte[] noise = new byte[4096];
        new Random(seed).nextBytes(noise);
        assertThat(ImageFormat.sniff(noise)).as("noise that looks like an image").isEmpty();
        assertFails(noise, "noise-" + seed, Reason.UNKNOWN_FORMAT);
    }

    @Test
    void textFileNamedJpgIsAnUnknownFormat() throws IOException {
        Path file = Files.writeString(dir.resolve("notes.jpg"), "This is not a picture.\n");
        ImageDecodeException e = failure(() -> DECODER.decode(file));
        assertThat(e.reason()).isEqualTo(Reason.UNKNOWN_FORMAT);
        assertThat(e.getMessage()).startsWith(file.toString()).contains("54 68 69 73"); // "This"
    }

    @Test
    void textStartingLikeABitmapIsAnUnknownFormat() {
        byte[] text =
                "BMW and BMX are not bitmaps, whatever their first letters say."
                        .getBytes(StandardCharsets.US_ASCII);
        assertFails(text, "cars.txt", Reason.UNKNOWN_FORMAT);
    }

    @Test
    void jpegMagicFollowedByNoiseIsRefused() {
        byte[] noise = new byte[4096];
        new Random(7).nextBytes(noise);
        noise[0] = (byte) 0xFF;
        noise[1] = (byte) 0xD8;
        noise[2] = (byte) 0xFF;
        ImageDecodeException e = assertFails(noise, "fake.jpg", null);
        assertThat(e.reason()).isIn(Reason.TRUNCATED, Reason.CORRUPT);
    }

    // ------------------------------------------------------------ names that lie

    @Test
    void pngNamedJpgDecodesAsPng() throws IOException {
        Path file = Files.write(dir.resolve("photo.jpg"), png);
        assertThat(guarded(() -> DECODER.decode(file))).isEqualTo(Probe.expected());
    }

    @Test
    void jpegNamedPngDecodesAsJpeg() throws IOException {
        Path file = Files.write(dir.resolve("photo.png"), jpeg);
        Pixels.assertClose(guarded(() -> DECODER.decode(file)), Probe.expected(), 8, 4);
    }

    // ------------------------------------------------------------ cut short

    @ParameterizedTest(name = "cut at {0} percent")
    @ValueSource(ints = {1, 10, 25, 50, 75, 90, 99})
    void truncatedJpegIsTruncatedNotGrey(int percent) {
        byte[] cut = Arrays.copyOf(jpeg, jpeg.length * percent / 100);
        assertFails(cut, "cut.jpg", Reason.TRUNCATED);
    }

    @Test
    void jpegMissingOnlyItsEndMarkerIsTruncated() {
        assertFails(Arrays.copyOf(jpeg, jpeg.length - 2), "no-eoi.jpg", Reason.TRUNCATED);
    }

    @ParameterizedTest(name = "cut at {0} percent")
    @ValueSource(ints = {50, 75, 90})
    void jpegCutShortWithAnEndMarkerPatchedOnIsTruncated(int percent) {
        // The structure is whole again, but the image data stops early: libjpeg warns and fills
        // the rest with grey, which must not come back as a picture.
        byte[] cut = Arrays.copyOf(jpeg, jpeg.length * percent / 100 + 2);
        cut[cut.length - 2] = (byte) 0xFF;
        cut[cut.length - 1] = (byte) 0xD9;
        assertFails(cut, "patched.jpg", Reason.TRUNCATED);
    }

    @ParameterizedTest(name = "cut at {0} percent")
    @ValueSource(ints = {1, 10, 25, 50, 75, 90, 99})
    void truncatedPngIsTruncated(int percent) {
        byte[] cut = Arrays.copyOf(png, Math.max(9, png.length * percent / 100));
        assertFails(cut, "cut.png", Reason.TRUNCATED);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"gif", "bmp", "tiff"})
    void truncatedFilesOfOtherFormatsAreTruncated(String format) {
        BufferedImage probe =
                format.equals("gif")
                        ? paletteOf(Probe.buffered(BufferedImage.TYPE_INT_RGB))
                        : Probe.buffered(BufferedImage.TYPE_INT_RGB);
        byte[] whole = Encoded.write(probe, format);
        byte[] cut = Arrays.copyOf(whole, whole.length / 2);
        assertFails(cut, "cut." + format, Reason.TRUNCATED);
    }

    // ------------------------------------------------------------ corrupt

    @Test
    void pngWithAFlippedByteFailsItsCrc() {
        byte[] bad = png.clone();
        int idat = Encoded.indexOf(bad, "IDAT".getBytes(StandardCharsets.US_ASCII));
        bad[idat + 10] ^= 0x5A;
        ImageDecodeException e = assertFails(bad, "flipped.png", Reason.CORRUPT);
        assertThat(e.getMessage()).contains("IDAT").contains("CRC");
    }

    @Test
    void pngWithGarbageImageDataUnderAValidCrcIsCorrupt() {
        byte[] garbage = new byte[200];
        new Random(11).nextBytes(garbage);
        byte[] bad = pngWith(Probe.WIDTH, Probe.HEIGHT, garbage);
        assertFails(bad, "garbage.png", Reason.CORRUPT);
    }

    @Test
    void jpegSegmentWithImpossibleLengthIsCorrupt() {
        byte[] bad = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0, 1, 0, 0};
        assertFails(bad, "bad-length.jpg", Reason.CORRUPT);
    }

    @Test
    void jpegWithThousandsOfScansIsRefusedBeforeDecoding() {
        // SOI, then 300 empty SOS segments, then EOI: a scan bomb in a few kilobytes.
        ByteBuffer b = ByteBuffer.allocate(4 + 300 * 10);
        b.put((byte) 0xFF).put((byte) 0xD8);
        for (int i = 0; i < 300; i++) {
            b.put((byte) 0xFF).put((byte) 0xDA).putShort((short) 8);
            b.put((byte) 1).put((byte) 1).put((byte) 0).put((byte) 0).put((byte) 63).put((byte) 0);
        }
        b.put((byte) 0xFF).put((byte) 0xD9);
        ImageDecodeException e = assertFails(b.array(), "scans.jpg", Reason.CORRUPT);
        assertThat(e.getMessage()).contains("more than 256 scans");
    }

    @Test
    void pngProfileThatInflatesPastTheCapIsIgnored() throws IOException {
        // 8 MB of zeros deflate to about 8 KB; the decoder stops inflating at 4 MB.
        java.io.ByteArrayOutputStream data = new java.io.ByteArrayOutputStream();
        data.write("bomb\0\0".getBytes(StandardCharsets.US_ASCII));
        try (var z = new java.util.zip.DeflaterOutputStream(data)) {
            byte[] zeros = new byte[1 << 20];
            for (int i = 0; i < 8; i++) {
                z.write(zeros);
            }
        }
        byte[] bomb = Encoded.withPngChunk(png, "iCCP", data.toByteArray());

        assertThat(guarded(() -> DECODER.decode(bomb, "iccp-bomb.png")))
                .isEqualTo(Probe.expected());
    }

    @Test
    void tiffWhoseDirectoriesFormALoopDoesNotHang() {
        // The "next IFD" offset of the only directory points back at itself.
        byte[] tiff = Encoded.tiff(ExifOrientationTest.stored(Probe.expected(), 6), 6);
        ByteBuffer b = ByteBuffer.wrap(tiff).order(ByteOrder.LITTLE_ENDIAN);
        int entries = b.getShort(8);
        b.putInt(8 + 2 + 12 * entries, 8);

        RgbImage image = guarded(() -> DECODER.decode(tiff, "loop.tiff"));

        assertThat(image).isEqualTo(Probe.expected()); // and its orientation still applies
    }

    @Test
    void exifWhoseDirectoriesFormALoopDoesNotHang() {
        byte[] exif = Encoded.exifOrientation(6, ByteOrder.BIG_ENDIAN);
        ByteBuffer.wrap(exif).putInt(8 + 2 + 12, 8); // next IFD: itself
        BufferedImage turned =
                Probe.toBuffered(
                        ExifOrientationTest.stored(Probe.expected(), 6),
                        BufferedImage.TYPE_INT_RGB);
        byte[] file = Encoded.withJpegExif(Encoded.jpeg(turned, 1f, false), exif);

        RgbImage image = guarded(() -> DECODER.decode(file, "loop.jpg"));

        Pixels.assertClose(image, Probe.expected(), 4, 4);
    }

    // ------------------------------------------------------------ header bombs

    @Test
    void pngHeaderDeclaringTenGigapixelsIsTooLarge() {
        byte[] bomb = pngWith(100_000, 100_000, new byte[] {0x78, (byte) 0x9C, 3, 0, 0, 0, 0, 1});
        assertThat(bomb.length).isLessThan(100);
        assertBomb(bomb, "bomb.png", "100000x100000");
    }

    @Test
    void jpegFrameHeaderDeclaringFourGigapixelsIsTooLarge() {
        byte[] bomb = jpeg.clone();
        int sof = sofOffset(bomb);
        bomb[sof + 5] = bomb[sof + 6] = bomb[sof + 7] = bomb[sof + 8] = (byte) 0xFF;
        assertBomb(bomb, "bomb.jpg", "65535x65535");
    }

    @Test
    void gifScreenAndFrameDeclaringFourGigapixelsIsTooLarge() {
        ByteBuffer b = ByteBuffer.allocate(40).order(ByteOrder.LITTLE_ENDIAN);
        b.put("GIF89a".getBytes(StandardCharsets.US_ASCII));
        b.putShort((short) 0xFFFF)
                .putShort((short) 0xFFFF)
                .put((byte) 0x80)
                .put((byte) 0)
                .put((byte) 0);
        b.put(new byte[] {0, 0, 0, (byte) 255, (byte) 255, (byte) 255}); // 2-colour table
        b.put((byte) 0x2C).putShort((short) 0).putShort((short) 0);
        b.putShort((short) 0xFFFF).putShort((short) 0xFFFF).put((byte) 0);
        b.put((byte) 2).put((byte) 2).put((byte) 0x4C).put((byte) 0x01).put((byte) 0);
        b.put((byte) 0x3B);
        assertBomb(Arrays.copyOf(b.array(), b.position()), "bomb.gif", "65535x65535");
    }

    @Test
    void bmpHeaderDeclaringTenGigapixelsIsTooLarge() {
        ByteBuffer b = ByteBuffer.allocate(58).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 'B').put((byte) 'M').putInt(58).putInt(0).putInt(54); // file header
        b.putInt(40).putInt(100_000).putInt(100_000).putShort((short) 1).putShort((short) 24);
        b.putInt(0).putInt(0).putInt(2835).putInt(2835).putInt(0).putInt(0); // BI_RGB
        b.putInt(0x00FFFFFF); // four bytes of pixel data
        assertBomb(b.array(), "bomb.bmp", "100000x100000");
    }

    @Test
    void tiffDeclaringTenGigapixelsIsTooLarge() {
        byte[] tiff = Encoded.tiff(RgbImage.filled(2, 2, 0x808080), 0);
        ByteBuffer b = ByteBuffer.wrap(tiff).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(10 + 8, 100_000); // ImageWidth value (first entry)
        b.putInt(10 + 12 + 8, 100_000); // ImageLength value (second entry)
        assertBomb(tiff, "bomb.tiff", "100000x100000");
    }

    @Test
    void tiffDeclaringAThousandSamplesPerPixelIsTooLarge() {
        // 2,000 x 2,000 is within the budget, but 1,000 samples a pixel would need 4 GB.
        byte[] tiff = Encoded.tiff(RgbImage.filled(2, 2, 0x808080), 0);
        ByteBuffer b = ByteBuffer.wrap(tiff).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(10 + 8, 2000);
        b.putInt(10 + 12 + 8, 2000);
        b.putShort(10 + 6 * 12 + 8, (short) 1000); // SamplesPerPixel, the seventh entry
        ImageDecodeException e = assertFails(tiff, "samples.tiff", Reason.TOO_LARGE);
        assertThat(e.getMessage()).contains("bits per pixel");
    }

    @Test
    void webpHeaderDeclaringTheLargestSizeIsTooLarge() {
        // VP8L: signature 0x2F, then 14 bits width - 1, 14 bits height - 1, alpha, version.
        ByteBuffer b = ByteBuffer.allocate(30).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(22);
        b.put("WEBPVP8L".getBytes(StandardCharsets.US_ASCII)).putInt(10);
        b.put((byte) 0x2F).putInt(16383 | 16383 << 14).put(new byte[5]);
        assertBomb(b.array(), "bomb.webp", "16384x16384");
    }

    @Test
    void pixelBudgetIsConfigurable() {
        ImageDecoder small = ImageDecoder.withOptions(DecodeOptions.DEFAULTS.withMaxPixels(3071));
        ImageDecodeException e = failure(() -> small.decode(png, "probe.png"));
        assertThat(e.reason()).isEqualTo(Reason.TOO_LARGE);
        assertThat(e.getMessage())
                .isEqualTo("probe.png: 64x48 is 3072 pixels, over the budget of 3071");

        ImageDecoder exact = ImageDecoder.withOptions(DecodeOptions.DEFAULTS.withMaxPixels(3072));
        assertThat(exact.decode(png, "probe.png")).isEqualTo(Probe.expected());
    }

    @Test
    void convertingABufferedImageChecksTheBudgetToo() {
        ImageDecoder small = ImageDecoder.withOptions(DecodeOptions.DEFAULTS.withMaxPixels(100));
        BufferedImage image = new BufferedImage(11, 10, BufferedImage.TYPE_INT_RGB);
        assertThat(failure(() -> small.convert(image, "in-memory")).reason())
                .isEqualTo(Reason.TOO_LARGE);
    }

    // ------------------------------------------------------------ helpers

    private static void assertBomb(byte[] bomb, String source, String declared) {
        ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
        long[] allocated = new long[1];
        ImageDecodeException e =
                failure(
                        () -> {
                            long before = threads.getCurrentThreadAllocatedBytes();
                            try {
                                return DECODER.decode(bomb, source);
                            } finally {
                                allocated[0] = threads.getCurrentThreadAllocatedBytes() - before;
                            }
                        });
        assertThat(e.reason()).isEqualTo(Reason.TOO_LARGE);
        assertThat(e.source()).isEqualTo(source);
        assertThat(e.getMessage()).startsWith(source + ": " + declared + " is ");
        assertThat(allocated[0]).as("bytes allocated").isLessThan(BOMB_ALLOCATION_LIMIT);
    }

    /** Asserts the failure and its reason (unless null) and that the message names the source. */
    private static ImageDecodeException assertFails(byte[] bytes, String source, Reason reason) {
        ImageDecodeException e = failure(() -> DECODER.decode(bytes, source));
        if (reason != null) {
            assertThat(e.reason()).as(e.getMessage()).isEqualTo(reason);
        }
        assertThat(e.source()).isEqualTo(source);
        assertThat(e.getMessage()).startsWith(source + ": ");
        return e;
    }

    private static ImageDecodeException failure(
            org.junit.jupiter.api.function.ThrowingSupplier<RgbImage> decode) {
        Throwable thrown =
                Assertions.assertTimeoutPreemptively(
                        Duration.ofSeconds(5),
                        () -> {
                            try {
                                decode.get();
                                return null;
                            } catch (Throwable t) {
                                return t;
                            }
                        });
        assertThat(thrown).as("decoding should have failed").isNotNull();
        return catchThrowableOfType(
                ImageDecodeException.class,
                () -> {
                    throw thrown;
                });
    }

    private static RgbImage guarded(org.junit.jupiter.api.function.ThrowingSupplier<RgbImage> s) {
        return Assertions.assertTimeoutPreemptively(Duration.ofSeconds(5), s);
    }

    /** A PNG of the given header size (8-bit RGB) with one IDAT chunk of the given bytes. */
    private static byte[] pngWith(int width, int height, byte[] idat) {
        byte[] ihdr =
                ByteBuffer.allocate(13)
                        .putInt(width)
                        .putInt(height)
                        .put(new byte[] {8, 2, 0, 0, 0})
                        .array();
        ByteBuffer b = ByteBuffer.allocate(8 + 25 + 12 + idat.length + 12);
        b.put(Arrays.copyOf(png, 8));
        b.put(Encoded.pngChunk("IHDR", ihdr));
        b.put(Encoded.pngChunk("IDAT", idat));
        b.put(Encoded.pngChunk("IEND", new byte[0]));
        return b.array();
    }

    private static int sofOffset(byte[] jpeg) {
        for (int i = 2; i + 1 < jpeg.length; i++) {
            if ((jpeg[i] & 0xFF) == 0xFF && (jpeg[i + 1] & 0xFF) == 0xC0) {
                return i; // FF C0, length (2), precision (1), height (2), width (2)
            }
        }
        throw new AssertionError("no SOF0");
    }

    private static BufferedImage paletteOf(BufferedImage rgb) {
        BufferedImage out =
                new BufferedImage(rgb.getWidth(), rgb.getHeight(), BufferedImage.TYPE_BYTE_INDEXED);
        out.getGraphics().drawImage(rgb, 0, 0, null);
        return out;
    }
}
