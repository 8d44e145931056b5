package dev.facekit.image;

import static org.assertj.core.api.Assertions.assertThat;

import dev.facekit.image.ImageDecodeException.Reason;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * WebP through the TwelveMonkeys reader. No WebP writer exists in Java, so one test builds a
 * lossless (VP8L) file bit by bit from the format specification (RFC 9649): no transforms, no
 * colour cache, one group of "simple" prefix codes with at most two symbols per channel. Each pixel
 * is then three bits (green, red, blue; alpha has one symbol and costs none), so the expected
 * pixels are known exactly and independently of the decoder.
 */
class WebPDecodingTest {

    private static final int LOW = 40;
    private static final int HIGH = 200;

    /** An 8 x 6 four-quadrant picture whose channels only take the values 40 and 200. */
    private static int colour(int x, int y) {
        boolean right = x >= 4;
        boolean bottom = y >= 3;
        int r = !right && !bottom || right && bottom ? HIGH : LOW;
        int g = right && !bottom || right && bottom ? HIGH : LOW;
        int b = !right && bottom || right && bottom ? HIGH : LOW;
        return r << 16 | g << 8 | b;
    }

    @Test
    void handBuiltLosslessWebPDecodesExactly() {
        byte[] webp = losslessWebP();

        RgbImage image = ImageDecoder.defaults().decode(webp, "probe.webp");

        assertThat(image.width()).isEqualTo(8);
        assertThat(image.height()).isEqualTo(6);
        for (int y = 0; y < 6; y++) {
            for (int x = 0; x < 8; x++) {
                assertThat(image.rgb(x, y)).as("(%d,%d)", x, y).isEqualTo(colour(x, y));
            }
        }
        // The four quadrants: red-ish, green-ish, blue-ish, light gray.
        assertThat(image.rgb(0, 0)).isEqualTo(0xC82828);
        assertThat(image.rgb(7, 0)).isEqualTo(0x28C828);
        assertThat(image.rgb(0, 5)).isEqualTo(0x2828C8);
        assertThat(image.rgb(7, 5)).isEqualTo(0xC8C8C8);
    }

    /**
     * Lossy WebP (VP8) and lossy with an alpha channel (VP8X, ALPH): fixtures of the probe made by
     * libwebp's cwebp with {@code make-webp-fixtures.sh}, 218 and 264 bytes. Measured: at most 7
     * levels from the probe everywhere. libwebp's own decoder (dwebp) agrees with this one within 6
     * levels two pixels or more from a colour edge; at the edges it blurs the colours more (its
     * "fancy" chroma upsampling), so the test compares with the probe, not with dwebp.
     */
    @Test
    void lossyWebPDecodesToTheProbe() throws IOException {
        RgbImage image = ImageDecoder.defaults().decode(resource("probe-lossy.webp"), "lossy.webp");

        Pixels.assertClose(image, Probe.expected(), 8);
    }

    @Test
    void lossyWebPWithAlphaIsCompositedOntoWhite() throws IOException {
        byte[] webp = resource("probe-lossy-alpha.webp");
        assertThat(new String(webp, 12, 4, StandardCharsets.US_ASCII)).isEqualTo("VP8X");

        RgbImage image = ImageDecoder.defaults().decode(webp, "alpha.webp");

        RgbImage expected = ImageDecoder.defaults().convert(ProbeFiles.withClearTopRight(), "x");
        Pixels.assertClose(image, expected, 8);
        for (int y = 0; y < 16; y++) {
            for (int x = 32; x < 64; x++) {
                assertThat(image.rgb(x, y)).as("(%d,%d)", x, y).isEqualTo(0xFFFFFF);
            }
        }
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = WebPDecodingTest.class.getResourceAsStream(name)) {
            assertThat(in).as(name).isNotNull();
            return in.readAllBytes();
        }
    }

    @Test
    void truncatedWebPIsTruncated() {
        byte[] webp = losslessWebP();
        byte[] cut = Arrays.copyOf(webp, webp.length - 4);

        ImageDecodeException e =
                org.assertj.core.api.Assertions.catchThrowableOfType(
                        ImageDecodeException.class,
                        () -> ImageDecoder.defaults().decode(cut, "cut.webp"));

        assertThat(e.reason()).isEqualTo(Reason.TRUNCATED);
        assertThat(e.getMessage()).startsWith("cut.webp: ");
    }

    /** The 8 x 6 picture as an image. */
    private static RgbImage picture() {
        byte[] px = new byte[3 * 8 * 6];
        for (int i = 0; i < 48; i++) {
            int c = colour(i % 8, i / 8);
            px[3 * i] = (byte) (c >> 16);
            px[3 * i + 1] = (byte) (c >> 8);
            px[3 * i + 2] = (byte) c;
        }
        return RgbImage.ofRgb(8, 6, px);
    }

    @org.junit.jupiter.params.ParameterizedTest(name = "orientation {0}")
    @org.junit.jupiter.params.provider.ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8})
    void exifChunkOrientationIsApplied(int tag) {
        RgbImage stored = ExifOrientationTest.stored(picture(), tag);
        byte[] exif = Encoded.exifOrientation(tag, ByteOrder.LITTLE_ENDIAN);
        byte[] webp = extendedWebP(stored, exif);

        assertThat(ImageDecoder.defaults().decode(webp, "turned.webp")).isEqualTo(picture());
    }

    /** The RIFF container around a VP8L bitstream. */
    private static byte[] losslessWebP() {
        byte[] vp8l = vp8l(picture());
        int padded = vp8l.length + (vp8l.length & 1);
        ByteBuffer b = ByteBuffer.allocate(20 + padded).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(12 + padded);
        b.put("WEBPVP8L".getBytes(StandardCharsets.US_ASCII)).putInt(vp8l.length);
        b.put(vp8l);
        return b.array();
    }

    /**
     * The extended container: a VP8X chunk (flags: EXIF present; canvas size), the VP8L chunk, then
     * an EXIF chunk.
     */
    private static byte[] extendedWebP(RgbImage image, byte[] exif) {
        byte[] vp8l = vp8l(image);
        ByteBuffer b = ByteBuffer.allocate(4096).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(0); // size patched below
        b.put("WEBP".getBytes(StandardCharsets.US_ASCII));
        b.put("VP8X".getBytes(StandardCharsets.US_ASCII)).putInt(10);
        b.put((byte) 0x08).put(new byte[3]); // flags: EXIF
        put24(b, image.width() - 1);
        put24(b, image.height() - 1);
        chunk(b, "VP8L", vp8l);
        chunk(b, "EXIF", exif);
        b.putInt(4, b.position() - 8);
        return Arrays.copyOf(b.array(), b.position());
    }

    private static void chunk(ByteBuffer b, String type, byte[] data) {
        b.put(type.getBytes(StandardCharsets.US_ASCII)).putInt(data.length).put(data);
        if ((data.length & 1) == 1) {
            b.put((byte) 0);
        }
    }

    private static void put24(ByteBuffer b, int v) {
        b.put((byte) v).put((byte) (v >> 8)).put((byte) (v >> 16));
    }

    /** Encodes an image whose channels take only the values LOW and HIGH. */
    private static byte[] vp8l(RgbImage image) {
        int width = image.width();
        int height = image.height();
        Bits bits = new Bits();
        bits.write(0x2F, 8); // signature
        bits.write(width - 1, 14);
        bits.write(height - 1, 14);
        bits.write(0, 1); // alpha_is_used: no
        bits.write(0, 3); // version 0
        bits.write(0, 1); // no transform
        bits.write(0, 1); // no colour cache
        bits.write(0, 1); // no meta prefix codes: one group for the whole image

        // Five simple prefix codes: green, red, blue (two symbols each), alpha, distance (one).
        for (int channel = 0; channel < 3; channel++) {
            twoSymbolCode(bits, LOW, HIGH);
        }
        oneSymbolCode(bits, 255); // alpha
        oneSymbolCode(bits, 0); // distance, never used

        // Pixels as literals: green, red, blue codes; with two symbols of length 1 the smaller
        // value has code 0 (canonical order).
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int c = image.rgb(x, y);
                bits.write((c >> 8 & 0xFF) == HIGH ? 1 : 0, 1);
                bits.write((c >> 16 & 0xFF) == HIGH ? 1 : 0, 1);
                bits.write((c & 0xFF) == HIGH ? 1 : 0, 1);
            }
        }
        return bits.toBytes();
    }

    private static void twoSymbolCode(Bits bits, int first, int second) {
        bits.write(1, 1); // simple code
        bits.write(1, 1); // two symbols
        bits.write(1, 1); // first symbol in 8 bits
        bits.write(first, 8);
        bits.write(second, 8);
    }

    private static void oneSymbolCode(Bits bits, int symbol) {
        bits.write(1, 1); // simple code
        bits.write(0, 1); // one symbol
        bits.write(1, 1); // in 8 bits
        bits.write(symbol, 8);
    }

    /** A bit writer, least significant bit first, as VP8L reads. */
    private static final class Bits {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private int current;
        private int used;

        void write(int value, int count) {
            for (int i = 0; i < count; i++) {
                current |= (value >> i & 1) << used;
                if (++used == 8) {
                    out.write(current);
                    current = 0;
                    used = 0;
                }
            }
        }

        byte[] toBytes() {
            if (used > 0) {
                out.write(current);
            }
            return out.toByteArray();
        }
    }
}
