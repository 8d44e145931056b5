package dev.facekit.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.DataBuffer;
import java.awt.image.WritableRaster;
import javax.imageio.ImageTypeSpecifier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link RgbImage#of(BufferedImage)}: every common raster layout, checked by value. */
class BufferedImageConversionTest {

    @ParameterizedTest(name = "type {0}")
    @ValueSource(
            ints = {
                BufferedImage.TYPE_INT_RGB,
                BufferedImage.TYPE_INT_ARGB,
                BufferedImage.TYPE_INT_BGR,
                BufferedImage.TYPE_3BYTE_BGR,
                BufferedImage.TYPE_4BYTE_ABGR
            })
    void eightBitRgbLayoutsConvertExactly(int type) {
        assertThat(RgbImage.of(Probe.buffered(type))).isEqualTo(Probe.expected());
    }

    @Test
    void grayKeepsItsValuesWhereGetRgbWouldBrightenThem() {
        BufferedImage gray = new BufferedImage(256, 1, BufferedImage.TYPE_BYTE_GRAY);
        for (int x = 0; x < 256; x++) {
            gray.getRaster().setSample(x, 0, 0, x);
        }
        // The trap this conversion avoids: getRGB treats Java's gray as linear light.
        assertThat(gray.getRGB(128, 0) & 0xFF).isGreaterThan(180);

        RgbImage image = RgbImage.of(gray);

        for (int x = 0; x < 256; x++) {
            assertThat(image.rgb(x, 0)).as("gray %d", x).isEqualTo(x << 16 | x << 8 | x);
        }
    }

    @Test
    void floatGrayIsScaledBy255WithoutGammaChange() {
        ImageTypeSpecifier spec =
                ImageTypeSpecifier.createInterleaved(
                        ColorSpace.getInstance(ColorSpace.CS_GRAY),
                        new int[] {0},
                        DataBuffer.TYPE_FLOAT,
                        false,
                        false);
        BufferedImage image = spec.createBufferedImage(5, 1);
        float[] values = {0f, 0.5f, 1f, 1.5f, -0.25f};
        int[] expected = {0, 128, 255, 255, 0}; // round(127.5) = 128; out of range is clamped
        for (int x = 0; x < 5; x++) {
            image.getRaster().setSample(x, 0, 0, values[x]);
        }

        RgbImage rgb = RgbImage.of(image);

        for (int x = 0; x < 5; x++) {
            int v = expected[x];
            assertThat(rgb.rgb(x, 0)).as("%s", values[x]).isEqualTo(v << 16 | v << 8 | v);
        }
    }

    @Test
    void sixteenBitGrayIsRoundedOver257() {
        int[] samples = {0, 128, 129, 257 * 100 + 128, 257 * 100 + 129, 65535};
        int[] expected = {0, 0, 1, 100, 101, 255};
        BufferedImage gray = new BufferedImage(samples.length, 1, BufferedImage.TYPE_USHORT_GRAY);
        for (int x = 0; x < samples.length; x++) {
            gray.getRaster().setSample(x, 0, 0, samples[x]);
        }

        RgbImage image = RgbImage.of(gray);

        for (int x = 0; x < samples.length; x++) {
            int v = expected[x];
            assertThat(image.rgb(x, 0)).as("sample %d", samples[x]).isEqualTo(v << 16 | v << 8 | v);
        }
    }

    @Test
    void sixteenBitRgbaIsScaledAndComposited() {
        ImageTypeSpecifier spec =
                ImageTypeSpecifier.createInterleaved(
                        ColorSpace.getInstance(ColorSpace.CS_sRGB),
                        new int[] {0, 1, 2, 3},
                        DataBuffer.TYPE_USHORT,
                        true,
                        false);
        BufferedImage image = spec.createBufferedImage(2, 1);
        WritableRaster raster = image.getRaster();
        raster.setPixel(0, 0, new int[] {65535, 257 * 10, 0, 65535});
        raster.setPixel(1, 0, new int[] {0, 0, 0, 0}); // transparent: the background shows

        RgbImage rgb = RgbImage.of(image);

        assertThat(rgb.rgb(0, 0)).isEqualTo(0xFF0A00);
        assertThat(rgb.rgb(1, 0)).isEqualTo(0xFFFFFF);
    }

    @Test
    void premultipliedAlphaIsDividedOutBeforeCompositing() {
        BufferedImage image = new BufferedImage(1, 1, BufferedImage.TYPE_INT_ARGB_PRE);
        image.setRGB(0, 0, 0x80FF0000); // half-transparent red, stored premultiplied

        int rgb = RgbImage.of(image).rgb(0, 0);

        // Red over white at alpha 128: R = 255, G = B = 255 * 127 / 255 = 127 (one level of
        // rounding in the premultiplied storage).
        assertThat(Pixels.maxChannelDifference(rgb, 0xFF7F7F)).isLessThanOrEqualTo(1);
    }

    @Test
    void rgb565IsScaledPerChannel() {
        BufferedImage image = new BufferedImage(1, 1, BufferedImage.TYPE_USHORT_565_RGB);
        image.getRaster().setPixel(0, 0, new int[] {31, 32, 16}); // 5, 6 and 5 bits

        // round(31 * 255 / 31) = 255, round(32 * 255 / 63) = 130 (129.5), round(16 * 255 / 31) =
        // 132
        assertThat(RgbImage.of(image).rgb(0, 0)).isEqualTo(255 << 16 | 130 << 8 | 132);
    }

    @Test
    void linearRgbIsColourManagedToSrgb() {
        ImageTypeSpecifier spec =
                ImageTypeSpecifier.createInterleaved(
                        ColorSpace.getInstance(ColorSpace.CS_LINEAR_RGB),
                        new int[] {0, 1, 2},
                        DataBuffer.TYPE_BYTE,
                        false,
                        false);
        BufferedImage image = spec.createBufferedImage(1, 1);
        image.getRaster().setPixel(0, 0, new int[] {0, 40, 255});

        int rgb = RgbImage.of(image).rgb(0, 0);

        // sRGB encoding of 0, 40/255, 1: 0, 110, 255.
        assertThat(Pixels.maxChannelDifference(rgb, 0x006EFF)).isLessThanOrEqualTo(2);
    }

    @Test
    void subimageConvertsOnlyItsRegion() {
        BufferedImage probe = Probe.buffered(BufferedImage.TYPE_3BYTE_BGR);
        RgbImage part = RgbImage.of(probe.getSubimage(30, 14, 6, 20));

        assertThat(part.width()).isEqualTo(6);
        assertThat(part.height()).isEqualTo(20);
        for (int y = 0; y < 20; y++) {
            for (int x = 0; x < 6; x++) {
                assertThat(part.rgb(x, y)).isEqualTo(Probe.rgb(30 + x, 14 + y));
            }
        }
    }

    @Test
    void binaryImageIsBlackAndWhite() {
        BufferedImage image = new BufferedImage(3, 1, BufferedImage.TYPE_BYTE_BINARY);
        image.getRaster().setSample(1, 0, 0, 1);

        RgbImage rgb = RgbImage.of(image);

        assertThat(rgb.rgb(0, 0)).isEqualTo(0x000000);
        assertThat(rgb.rgb(1, 0)).isEqualTo(0xFFFFFF);
    }
}
