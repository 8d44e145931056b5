package dev.facekit.image;

import static dev.facekit.image.Pixels.assertClose;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import com.twelvemonkeys.imageio.color.ColorSpaces;
import java.awt.color.ColorSpace;
import java.awt.color.ICC_ColorSpace;
import java.awt.color.ICC_Profile;
import java.awt.image.BufferedImage;
import java.awt.image.DataBuffer;
import java.awt.image.IndexColorModel;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every decoder path, checked by pixel value against the colour probe or hand-computed values.
 * Lossless formats must match exactly; JPEG within a small tolerance away from colour edges.
 */
class ImageDecoderFormatsTest {

    private static final ImageDecoder DECODER = ImageDecoder.defaults();

    /**
     * Quality 1.0 JPEG, four pixels or more from a colour edge: measured at most 3 levels off for
     * RGB, 2 for CMYK and YCCK, 1 with the linear-RGB profile; one level of slack on each for other
     * JDK builds of libjpeg and LCMS. Inverted or unconverted colours are off by 100 or more.
     */
    private static final int JPEG_TOLERANCE = 4;

    private static final int CMYK_TOLERANCE = 3;

    private static final int ICC_TOLERANCE = 2;

    private static RgbImage decode(byte[] bytes) {
        return DECODER.decode(bytes, "test");
    }

    // ------------------------------------------------------------------ JPEG

    @Test
    void baselineJpegDecodesToTheProbe() {
        byte[] jpeg = Encoded.jpeg(Probe.buffered(BufferedImage.TYPE_INT_RGB), 1f, false);
        assertThat(Encoded.hasMarker(jpeg, 0xC0)).as("baseline SOF0").isTrue();

        assertClose(decode(jpeg), Probe.expected(), JPEG_TOLERANCE, 4);
    }

    @Test
    void progressiveJpegDecodesToTheProbe() {
        byte[] jpeg = Encoded.jpeg(Probe.buffered(BufferedImage.TYPE_INT_RGB), 1f, true);
        assertThat(Encoded.hasMarker(jpeg, 0xC2)).as("progressive SOF2").isTrue();

        assertClose(decode(jpeg), Probe.expected(), JPEG_TOLERANCE, 4);
    }

    @Test
    void grayJpegKeepsItsValuesInAllThreeChannels() {
        BufferedImage gray = grayRamp(BufferedImage.TYPE_BYTE_GRAY, 1);
        RgbImage image = decode(Encoded.jpeg(gray, 1f, false));

        // getRGB would have turned 128 into about 188 (it treats Java's gray as linear).
        for (int x = 0; x < 64; x++) {
            int rgb = image.rgb(x, 8);
            int v = rgb & 0xFF;
            assertThat(v).as("x=%d", x).isCloseTo(4 * x, org.assertj.core.data.Offset.offset(2));
            assertThat(rgb).isEqualTo(v << 16 | v << 8 | v);
        }
    }

    @Test
    void cmykJpegIsConvertedWithAdobeInversion() {
        assumePlainCmykConversion();
        int[][] cmyk = Cmyk.of(Probe.expected());
        byte[] jpeg = Encoded.adobeJpeg(cmyk, Probe.WIDTH, Probe.HEIGHT, 0);

        assertClose(
                decode(jpeg), Cmyk.naiveRgb(cmyk, Probe.WIDTH, Probe.HEIGHT), CMYK_TOLERANCE, 4);
    }

    @Test
    void ycckJpegIsConvertedWithAdobeInversion() {
        assumePlainCmykConversion();
        int[][] cmyk = Cmyk.of(Probe.expected());
        byte[] jpeg = Encoded.adobeJpeg(cmyk, Probe.WIDTH, Probe.HEIGHT, 2);

        assertClose(
                decode(jpeg), Cmyk.naiveRgb(cmyk, Probe.WIDTH, Probe.HEIGHT), CMYK_TOLERANCE, 4);
    }

    @Test
    void cmykJpegFromTheTwelveMonkeysWriterDecodesToTheSameColours() {
        assumePlainCmykConversion();
        int[][] cmyk = Cmyk.of(Probe.expected());
        byte[] jpeg = Encoded.twelveMonkeysCmykJpeg(cmyk, Probe.WIDTH, Probe.HEIGHT);

        assertClose(
                decode(jpeg), Cmyk.naiveRgb(cmyk, Probe.WIDTH, Probe.HEIGHT), CMYK_TOLERANCE, 4);
    }

    @Test
    void embeddedIccProfileIsApplied() {
        // The samples are declared linear-light RGB; upright sRGB must be their sRGB encoding.
        byte[] plain = Encoded.jpeg(Probe.buffered(BufferedImage.TYPE_INT_RGB), 1f, false);
        byte[] profile = ICC_Profile.getInstance(ColorSpace.CS_LINEAR_RGB).getData();
        byte[] jpeg = Encoded.withJpegIccProfile(plain, profile);

        RgbImage image = decode(jpeg);

        assertClose(image, srgbEncoded(Probe.expected()), ICC_TOLERANCE, 4);
        assertThat(image.rgb(16, 8) >> 8 & 0xFF).as("linear 40 is sRGB 110").isBetween(106, 114);
    }

    // ------------------------------------------------------------------ PNG

    @Test
    void rgbPngDecodesExactly() {
        byte[] png = Encoded.write(Probe.buffered(BufferedImage.TYPE_INT_RGB), "png");
        assertThat(decode(png)).isEqualTo(Probe.expected());
    }

    @Test
    void opaqueRgbaPngDecodesExactly() {
        byte[] png = Encoded.write(Probe.buffered(BufferedImage.TYPE_INT_ARGB), "png");
        assertThat(png[8 + 8 + 9]).as("colour type 6, RGBA").isEqualTo((byte) 6);
        assertThat(decode(png)).isEqualTo(Probe.expected());
    }

    @Test
    void translucentRgbaPngIsCompositedOntoWhite() {
        BufferedImage argb = new BufferedImage(4, 1, BufferedImage.TYPE_INT_ARGB);
        argb.setRGB(0, 0, 0x00FF0000); // fully transparent red
        argb.setRGB(1, 0, 0x80FF0000); // half red
        argb.setRGB(2, 0, 0xFF0000FF); // opaque blue
        argb.setRGB(3, 0, 0x40102030); // a quarter of a dark colour

        RgbImage image = decode(Encoded.write(argb, "png"));

        assertThat(image.rgb(0, 0)).isEqualTo(0xFFFFFF);
        // (255 * 128 + 255 * 127) / 255 = 255 for red; (0 * 128 + 255 * 127) / 255 = 127.
        assertThat(image.rgb(1, 0)).isEqualTo(0xFF7F7F);
        assertThat(image.rgb(2, 0)).isEqualTo(0x0000FF);
        // 0x10: (16*64 + 255*191)/255 = 195.0 -> 195; 0x20: 199.0 -> 199; 0x30: 203.0 -> 203.
        assertThat(image.rgb(3, 0)).isEqualTo(0xC3C7CB);
    }

    @Test
    void transparencyIsCompositedOntoAConfiguredBackground() {
        BufferedImage argb = new BufferedImage(2, 1, BufferedImage.TYPE_INT_ARGB);
        argb.setRGB(0, 0, 0x00FF0000);
        argb.setRGB(1, 0, 0x80FFFFFF);
        ImageDecoder onBlack =
                ImageDecoder.withOptions(DecodeOptions.DEFAULTS.withBackground(0x204060));

        RgbImage image = onBlack.decode(Encoded.write(argb, "png"), "test");

        assertThat(image.rgb(0, 0)).isEqualTo(0x204060);
        // (255 * 128 + bg * 127) / 255, rounded.
        int r = (255 * 128 + 0x20 * 127 + 127) / 255;
        int g = (255 * 128 + 0x40 * 127 + 127) / 255;
        int b = (255 * 128 + 0x60 * 127 + 127) / 255;
        assertThat(image.rgb(1, 0)).isEqualTo(r << 16 | g << 8 | b);
        assertThat(r).isEqualTo(144); // by hand: (32640 + 4064) / 255 = 143.9
    }

    @Test
    void pngIccProfileIsApplied() throws IOException {
        // The JDK's PNG reader ignores iCCP; the decoder applies it. Linear RGB 40 is sRGB 110.
        byte[] png = Encoded.write(Probe.buffered(BufferedImage.TYPE_INT_RGB), "png");
        byte[] profile = ICC_Profile.getInstance(ColorSpace.CS_LINEAR_RGB).getData();
        byte[] withProfile = Encoded.withPngChunk(png, "iCCP", iccp("linear", profile));

        RgbImage image = decode(withProfile);

        assertClose(image, srgbEncoded(Probe.expected()), ICC_TOLERANCE);
        assertThat(image.rgb(16, 8) >> 8 & 0xFF).isBetween(108, 112);
    }

    @Test
    void pngSrgbProfileLeavesTheValuesExact() throws IOException {
        byte[] png = Encoded.write(Probe.buffered(BufferedImage.TYPE_INT_RGB), "png");
        byte[] profile = ICC_Profile.getInstance(ColorSpace.CS_sRGB).getData();
        byte[] withProfile = Encoded.withPngChunk(png, "iCCP", iccp("sRGB", profile));

        assertThat(decode(withProfile)).isEqualTo(Probe.expected());
    }

    @Test
    void pngWithAnUnreadableProfileDecodesAsSrgb() throws IOException {
        byte[] png = Encoded.write(Probe.buffered(BufferedImage.TYPE_INT_RGB), "png");
        byte[] bogus = iccp("junk", "not an ICC profile".getBytes(StandardCharsets.US_ASCII));

        assertThat(decode(Encoded.withPngChunk(png, "iCCP", bogus))).isEqualTo(Probe.expected());
    }

    @Test
    void grayPngKeepsItsExactValues() {
        BufferedImage gray = grayRamp(BufferedImage.TYPE_BYTE_GRAY, 1);
        RgbImage image = decode(Encoded.write(gray, "png"));

        for (int x = 0; x < 64; x++) {
            int v = 4 * x;
            assertThat(image.rgb(x, 3)).as("x=%d", x).isEqualTo(v << 16 | v << 8 | v);
        }
    }

    @Test
    void sixteenBitGrayPngMapsByRoundingOver257() {
        int[] samples = {0, 128, 129, 257, 32896, 65278, 65406, 65407, 65535};
        int[] expected = {0, 0, 1, 1, 128, 254, 254, 255, 255};
        BufferedImage gray = new BufferedImage(samples.length, 1, BufferedImage.TYPE_USHORT_GRAY);
        for (int x = 0; x < samples.length; x++) {
            gray.getRaster().setSample(x, 0, 0, samples[x]);
        }
        byte[] png = Encoded.write(gray, "png");
        assertThat(png[8 + 8 + 8]).as("bit depth 16").isEqualTo((byte) 16);

        RgbImage image = decode(png);

        for (int x = 0; x < samples.length; x++) {
            int v = expected[x];
            assertThat(image.rgb(x, 0)).as("sample %d", samples[x]).isEqualTo(v << 16 | v << 8 | v);
        }
    }

    @Test
    void sixteenBitRgbPngDecodesToTheProbe() {
        RgbImage probe = Probe.expected();
        ImageTypeSpecifier spec =
                ImageTypeSpecifier.createInterleaved(
                        ColorSpace.getInstance(ColorSpace.CS_sRGB),
                        new int[] {0, 1, 2},
                        DataBuffer.TYPE_USHORT,
                        false,
                        false);
        BufferedImage image = spec.createBufferedImage(probe.width(), probe.height());
        WritableRaster raster = image.getRaster();
        for (int y = 0; y < probe.height(); y++) {
            for (int x = 0; x < probe.width(); x++) {
                int c = probe.rgb(x, y);
                // v * 257 plus an offset that still rounds back to v: within +-128.
                int offset = (x + y) % 3 == 0 ? 128 : (x + y) % 3 == 1 ? -128 : 0;
                for (int band = 0; band < 3; band++) {
                    int v = c >> (16 - 8 * band) & 0xFF;
                    int s = Math.max(0, Math.min(65535, v * 257 + offset));
                    raster.setSample(x, y, band, s);
                }
            }
        }
        byte[] png = Encoded.write(image, "png");
        assertThat(png[8 + 8 + 8]).as("bit depth 16").isEqualTo((byte) 16);

        assertThat(decode(png)).isEqualTo(probe);
    }

    @Test
    void grayAlphaPngIsCompositedWithItsExactGrayValues() {
        BufferedImage image = grayAlpha(8).createBufferedImage(4, 1);
        int[][] ga = {{128, 255}, {128, 0}, {0, 128}, {200, 51}};
        for (int x = 0; x < 4; x++) {
            image.getRaster().setPixel(x, 0, ga[x]);
        }
        byte[] png = Encoded.write(image, "png");
        assertThat(png[8 + 8 + 9]).as("colour type 4, gray + alpha").isEqualTo((byte) 4);

        RgbImage decoded = decode(png);

        int[] expected = {
            128, 255, (0 * 128 + 255 * 127 + 127) / 255, (200 * 51 + 255 * 204 + 127) / 255
        };
        assertThat(expected[2]).isEqualTo(127);
        assertThat(expected[3]).isEqualTo(244); // (10200 + 52020) / 255 = 244.0
        for (int x = 0; x < 4; x++) {
            int v = expected[x];
            assertThat(decoded.rgb(x, 0)).as("pixel %d", x).isEqualTo(v << 16 | v << 8 | v);
        }
    }

    @Test
    void sixteenBitGrayAlphaPngScalesBothSamples() {
        BufferedImage image = grayAlpha(16).createBufferedImage(2, 1);
        image.getRaster().setPixel(0, 0, new int[] {128 * 257, 65535});
        image.getRaster().setPixel(1, 0, new int[] {0, 128 * 257}); // black at alpha 128
        byte[] png = Encoded.write(image, "png");
        assertThat(png[8 + 8 + 8]).as("bit depth 16").isEqualTo((byte) 16);

        RgbImage decoded = decode(png);

        assertThat(decoded.rgb(0, 0)).isEqualTo(0x808080);
        assertThat(decoded.rgb(1, 0)).isEqualTo(0x7F7F7F); // 255 * 127 / 255
    }

    @Test
    void palettePngWithTransparencyUsesPaletteAlpha() {
        byte[] r = {(byte) 255, 0, 0, 10};
        byte[] g = {0, (byte) 255, 0, 20};
        byte[] b = {0, 0, (byte) 255, 30};
        byte[] a = {(byte) 255, (byte) 128, 0, (byte) 255};
        IndexColorModel palette = new IndexColorModel(8, 4, r, g, b, a);
        BufferedImage image = new BufferedImage(4, 1, BufferedImage.TYPE_BYTE_INDEXED, palette);
        for (int x = 0; x < 4; x++) {
            image.getRaster().setSample(x, 0, 0, x);
        }
        byte[] png = Encoded.write(image, "png");
        assertThat(png[8 + 8 + 9]).as("colour type 3, palette").isEqualTo((byte) 3);
        assertThat(Encoded.indexOf(png, ascii("tRNS"))).as("a tRNS chunk").isPositive();

        RgbImage decoded = decode(png);

        assertThat(decoded.rgb(0, 0)).isEqualTo(0xFF0000);
        assertThat(decoded.rgb(1, 0)).isEqualTo(0x7FFF7F); // (255 * 127 + 127) / 255 = 127
        assertThat(decoded.rgb(2, 0)).isEqualTo(0xFFFFFF);
        assertThat(decoded.rgb(3, 0)).isEqualTo(0x0A141E);
    }

    @Test
    void oneBitPngDecodesToBlackAndWhite() {
        BufferedImage image = new BufferedImage(9, 1, BufferedImage.TYPE_BYTE_BINARY);
        for (int x = 0; x < 9; x++) {
            image.getRaster().setSample(x, 0, 0, x % 2);
        }
        RgbImage decoded = decode(Encoded.write(image, "png"));

        for (int x = 0; x < 9; x++) {
            assertThat(decoded.rgb(x, 0)).isEqualTo(x % 2 == 0 ? 0x000000 : 0xFFFFFF);
        }
    }

    // ------------------------------------------------------------------ GIF, BMP, TIFF

    @Test
    void gifDecodesExactlyWithAPaletteOfTheProbeColours() {
        byte[] gif = Encoded.write(paletteProbe(-1), "gif");
        assertThat(decode(gif)).isEqualTo(Probe.expected());
    }

    @Test
    void animatedGifGivesItsFirstFrame() throws IOException {
        BufferedImage second =
                new BufferedImage(
                        Probe.WIDTH,
                        Probe.HEIGHT,
                        BufferedImage.TYPE_BYTE_INDEXED,
                        (IndexColorModel) paletteProbe(-1).getColorModel());
        byte[] gif = animatedGif(paletteProbe(-1), second);

        assertThat(ImageIO.createImageInputStream(new java.io.ByteArrayInputStream(gif)))
                .isNotNull();
        assertThat(frameCount(gif)).isEqualTo(2);
        assertThat(decode(gif)).isEqualTo(Probe.expected());
    }

    @Test
    void gifFrameSmallerThanItsScreenIsPlacedAtItsOffset() {
        BufferedImage frame = new BufferedImage(2, 2, BufferedImage.TYPE_BYTE_BINARY);
        frame.getRaster().setSample(0, 0, 0, 1); // white, black / black, black
        byte[] gif = Encoded.write(frame, "gif");
        java.nio.ByteBuffer b =
                java.nio.ByteBuffer.wrap(gif).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        b.putShort(6, (short) 5).putShort(8, (short) 4); // logical screen 5 x 4
        int descriptor = 13 + (3 << ((gif[10] & 7) + 1));
        while (gif[descriptor] != 0x2C) { // skip extensions the writer put first
            descriptor += 2;
            while (gif[descriptor] != 0) {
                descriptor += 1 + (gif[descriptor] & 0xFF);
            }
            descriptor++;
        }
        b.putShort(descriptor + 1, (short) 2).putShort(descriptor + 3, (short) 1); // at (2, 1)

        RgbImage image =
                ImageDecoder.withOptions(DecodeOptions.DEFAULTS.withBackground(0x336699))
                        .decode(gif, "offset.gif");

        assertThat(image.width()).isEqualTo(5);
        assertThat(image.height()).isEqualTo(4);
        for (int y = 0; y < 4; y++) {
            for (int x = 0; x < 5; x++) {
                boolean inFrame = x >= 2 && x < 4 && y >= 1 && y < 3;
                int expected = !inFrame ? 0x336699 : x == 2 && y == 1 ? 0xFFFFFF : 0x000000;
                assertThat(image.rgb(x, y)).as("(%d,%d)", x, y).isEqualTo(expected);
            }
        }
    }

    @Test
    void gifTransparentIndexIsCompositedOntoTheBackground() {
        BufferedImage image = paletteProbe(Probe.TOP_RIGHT);
        byte[] gif = Encoded.write(image, "gif");

        RgbImage decoded = decode(gif);

        assertThat(decoded.rgb(40, 4)).as("transparent quadrant").isEqualTo(0xFFFFFF);
        assertThat(decoded.rgb(4, 4)).isEqualTo(Probe.TOP_LEFT);
        assertThat(decoded.rgb(40, 20)).isEqualTo(Probe.BOTTOM_RIGHT);
    }

    @ParameterizedTest
    @ValueSource(ints = {BufferedImage.TYPE_3BYTE_BGR, BufferedImage.TYPE_INT_RGB})
    void bmpDecodesExactly(int type) {
        byte[] bmp = Encoded.write(Probe.buffered(type), "bmp");
        assertThat(new String(bmp, 0, 2, StandardCharsets.US_ASCII)).isEqualTo("BM");
        assertThat(decode(bmp)).isEqualTo(Probe.expected());
    }

    @Test
    void handBuiltTopDown32BitBmpDecodesExactly() {
        // BITMAPINFOHEADER with a negative height (rows stored top first), 32 bits BGRX a pixel.
        RgbImage probe = Probe.expected();
        int pixelBytes = 4 * probe.width() * probe.height();
        java.nio.ByteBuffer b =
                java.nio.ByteBuffer.allocate(54 + pixelBytes)
                        .order(java.nio.ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 'B').put((byte) 'M').putInt(54 + pixelBytes).putInt(0).putInt(54);
        b.putInt(40).putInt(probe.width()).putInt(-probe.height());
        b.putShort((short) 1).putShort((short) 32).putInt(0).putInt(pixelBytes);
        b.putInt(2835).putInt(2835).putInt(0).putInt(0);
        for (int y = 0; y < probe.height(); y++) {
            for (int x = 0; x < probe.width(); x++) {
                int c = probe.rgb(x, y);
                b.put((byte) c).put((byte) (c >> 8)).put((byte) (c >> 16)).put((byte) 0);
            }
        }
        assertThat(decode(b.array())).isEqualTo(probe);
    }

    @Test
    void eightBitPaletteBmpDecodesExactly() {
        byte[] bmp = Encoded.write(paletteProbe(-1), "bmp");
        assertThat(bmp[28]).as("8 bits per pixel").isEqualTo((byte) 8);
        assertThat(decode(bmp)).isEqualTo(Probe.expected());
    }

    @Test
    void tiffFromTheWriterDecodesExactly() {
        byte[] tiff = Encoded.write(Probe.buffered(BufferedImage.TYPE_INT_RGB), "tiff");
        assertThat(decode(tiff)).isEqualTo(Probe.expected());
    }

    @Test
    void handBuiltUncompressedTiffDecodesExactly() {
        assertThat(decode(Encoded.tiff(Probe.expected(), 0))).isEqualTo(Probe.expected());
    }

    @Test
    void oneByOneImagesDecodeInEveryFormat() {
        BufferedImage one = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
        one.setRGB(0, 0, 0x123456);
        Map<String, byte[]> files = new LinkedHashMap<>();
        for (String format : new String[] {"png", "bmp", "tiff", "gif"}) {
            files.put(format, Encoded.write(one, format));
        }
        for (Map.Entry<String, byte[]> e : files.entrySet()) {
            RgbImage image = decode(e.getValue());
            assertThat(image.width()).as(e.getKey()).isEqualTo(1);
            assertThat(image.height()).as(e.getKey()).isEqualTo(1);
            if (!e.getKey().equals("gif")) { // the GIF writer quantises to its own palette
                assertThat(image.rgb(0, 0)).as(e.getKey()).isEqualTo(0x123456);
            }
        }
        RgbImage jpeg = decode(Encoded.jpeg(one, 1f, false));
        assertThat(Pixels.maxChannelDifference(jpeg.rgb(0, 0), 0x123456)).isLessThanOrEqualTo(4);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"1x1", "11x11", "12x12", "13x13", "1x600", "800x40", "600x1"})
    void oddSizesAndStripsDecodeExactlyInLosslessFormats(String size) {
        RgbImage pattern = pattern(size);
        for (String format : new String[] {"png", "bmp", "tiff"}) {
            byte[] file =
                    Encoded.write(Probe.toBuffered(pattern, BufferedImage.TYPE_INT_RGB), format);
            assertThat(decode(file)).as(format).isEqualTo(pattern);
        }
        assertThat(decode(Encoded.tiff(pattern, 0))).as("hand-built tiff").isEqualTo(pattern);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"1x1", "11x11", "12x12", "13x13", "1x600", "800x40", "600x1"})
    void allBlackAndAllWhiteStayBlackAndWhiteInEveryFormat(String size) {
        int[] wh = dimensions(size);
        for (int colour : new int[] {0x000000, 0xFFFFFF}) {
            RgbImage flat = RgbImage.filled(wh[0], wh[1], colour);
            BufferedImage image = Probe.toBuffered(flat, BufferedImage.TYPE_INT_RGB);
            for (String format : new String[] {"png", "bmp", "tiff", "gif"}) {
                assertThat(decode(Encoded.write(image, format))).as(format).isEqualTo(flat);
            }
            RgbImage jpeg = decode(Encoded.jpeg(image, 0.9f, false));
            assertThat(Pixels.maxDifference(jpeg, flat)).as("jpeg").isLessThanOrEqualTo(1);
        }
    }

    // ------------------------------------------------------------------ helpers

    /** An iCCP chunk's data: name, NUL, compression method 0, zlib-compressed profile. */
    private static byte[] iccp(String name, byte[] profile) throws IOException {
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        data.write(name.getBytes(StandardCharsets.US_ASCII));
        data.write(0);
        data.write(0);
        try (var z = new java.util.zip.DeflaterOutputStream(data)) {
            z.write(profile);
        }
        return data.toByteArray();
    }

    private static int[] dimensions(String size) {
        String[] parts = size.split("x");
        return new int[] {Integer.parseInt(parts[0]), Integer.parseInt(parts[1])};
    }

    /** A pattern where neighbouring pixels differ in every channel. */
    private static RgbImage pattern(String size) {
        int[] wh = dimensions(size);
        byte[] px = new byte[3 * wh[0] * wh[1]];
        for (int y = 0; y < wh[1]; y++) {
            for (int x = 0; x < wh[0]; x++) {
                int i = 3 * (y * wh[0] + x);
                px[i] = (byte) (x * 7 + y);
                px[i + 1] = (byte) (y * 13 + x);
                px[i + 2] = (byte) ((x + y) * 3);
            }
        }
        return RgbImage.ofRgb(wh[0], wh[1], px);
    }

    /**
     * A CMYK JPEG without an embedded profile is converted through TwelveMonkeys' generic CMYK
     * colour space: the plain formula unless the platform configures a CMYK ICC profile (none on
     * Linux; see TwelveMonkeys' {@code icc_profiles_*.properties}). The expected values here are
     * the plain formula's.
     */
    private static void assumePlainCmykConversion() {
        ColorSpace cmyk = ColorSpaces.getColorSpace(ColorSpaces.CS_GENERIC_CMYK);
        assumeFalse(
                cmyk instanceof ICC_ColorSpace,
                "this platform's generic CMYK is an ICC profile; expected values assume the plain"
                        + " conversion");
    }

    /** Gray ramp 64 wide: value 4x, stored with the given sample scale (1, or 257 for 16 bits). */
    private static BufferedImage grayRamp(int type, int scale) {
        BufferedImage gray = new BufferedImage(64, 16, type);
        for (int y = 0; y < 16; y++) {
            for (int x = 0; x < 64; x++) {
                gray.getRaster().setSample(x, y, 0, 4 * x * scale);
            }
        }
        return gray;
    }

    /** Gray with (non-premultiplied) alpha, 8 or 16 bits per sample. */
    private static ImageTypeSpecifier grayAlpha(int bits) {
        int type = bits == 8 ? DataBuffer.TYPE_BYTE : DataBuffer.TYPE_USHORT;
        return ImageTypeSpecifier.createGrayscale(bits, type, false, false);
    }

    /** The probe as an 8-bit palette image; {@code transparent} names a colour to make clear. */
    private static BufferedImage paletteProbe(int transparent) {
        RgbImage probe = Probe.expected();
        Map<Integer, Integer> index = new LinkedHashMap<>();
        for (int y = 0; y < probe.height(); y++) {
            for (int x = 0; x < probe.width(); x++) {
                index.putIfAbsent(probe.rgb(x, y), index.size());
            }
        }
        int n = index.size();
        byte[] r = new byte[n];
        byte[] g = new byte[n];
        byte[] b = new byte[n];
        index.forEach(
                (c, i) -> {
                    r[i] = (byte) (c >> 16);
                    g[i] = (byte) (c >> 8);
                    b[i] = (byte) (int) c;
                });
        int trans = transparent < 0 ? -1 : index.get(transparent);
        IndexColorModel cm = new IndexColorModel(8, n, r, g, b, trans);
        BufferedImage image =
                new BufferedImage(
                        probe.width(), probe.height(), BufferedImage.TYPE_BYTE_INDEXED, cm);
        for (int y = 0; y < probe.height(); y++) {
            for (int x = 0; x < probe.width(); x++) {
                image.getRaster().setSample(x, y, 0, index.get(probe.rgb(x, y)));
            }
        }
        return image;
    }

    private static byte[] animatedGif(BufferedImage first, BufferedImage second)
            throws IOException {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("gif").next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
            writer.setOutput(out);
            writer.prepareWriteSequence(null);
            writer.writeToSequence(new IIOImage(first, null, null), null);
            writer.writeToSequence(new IIOImage(second, null, null), null);
            writer.endWriteSequence();
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }

    private static int frameCount(byte[] gif) throws IOException {
        var reader = ImageIO.getImageReadersByFormatName("gif").next();
        try (var in = ImageIO.createImageInputStream(new java.io.ByteArrayInputStream(gif))) {
            reader.setInput(in);
            return reader.getNumImages(true);
        } finally {
            reader.dispose();
        }
    }

    /** sRGB encoding of each channel read as linear light, by the sRGB formula. */
    private static RgbImage srgbEncoded(RgbImage linear) {
        byte[] px = linear.toRgbBytes();
        for (int i = 0; i < px.length; i++) {
            double c = (px[i] & 0xFF) / 255.0;
            double s = c <= 0.0031308 ? 12.92 * c : 1.055 * Math.pow(c, 1 / 2.4) - 0.055;
            px[i] = (byte) Math.round(s * 255);
        }
        return RgbImage.ofRgb(linear.width(), linear.height(), px);
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
