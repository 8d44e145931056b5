package dev.facekit.image;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorConvertOp;
import java.awt.image.ColorModel;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.IndexColorModel;
import java.awt.image.PackedColorModel;
import java.awt.image.Raster;

/**
 * Turns a decoded {@link BufferedImage} into 8-bit RGB, by one of three paths chosen from its
 * colour model:
 *
 * <ol>
 *   <li><b>Samples as stored</b>, for gray and sRGB images with integer samples of up to 16 bits,
 *       and gray in float samples (0 to 1, scaled by 255): the raster's values are read directly.
 *       Gray is copied to {@code R = G = B}. This path exists because {@code BufferedImage.getRGB}
 *       treats Java's gray colour space as linear and brightens every value (gray 128 comes out as
 *       188); image files store gray gamma-encoded, like sRGB.
 *   <li><b>Palette and other sRGB</b>, for indexed images (the palette entry, with its alpha) and
 *       sRGB layouts the first path does not cover, such as premultiplied alpha or float samples:
 *       {@code getRGB}, which for sRGB only rescales.
 *   <li><b>Colour-managed</b>, for everything else (embedded ICC profiles, CMYK, float samples): a
 *       {@link ColorConvertOp} to sRGB.
 * </ol>
 *
 * <p>Samples of {@code n} bits map to 8 bits as {@code round(v * 255 / (2^n - 1))}; for 16 bits
 * that is {@code round(v / 257)}, so 0 stays 0, 65535 becomes 255 and 257 * k becomes k exactly.
 * Transparent pixels are composited onto the background: {@code round((c * a + bg * (255 - a)) /
 * 255)} with colour, alpha and background in 8 bits.
 */
final class RasterConverter {

    private final int background;

    /**
     * Creates a converter.
     *
     * @param background the colour ({@code 0xRRGGBB}) under transparent pixels
     */
    RasterConverter(int background) {
        this.background = background;
    }

    /**
     * Converts the image.
     *
     * @param image the decoded image, taken as upright
     * @return its 8-bit RGB pixels
     */
    RgbImage convert(BufferedImage image) {
        ColorModel cm = image.getColorModel();
        if (readsSamplesDirectly(cm, image.getRaster())) {
            return fromSamples(image);
        }
        if (isFloatGray(cm, image.getRaster())) {
            return fromFloatGray(image);
        }
        // getRGB is exact for palettes and sRGB: a table look-up or a rescaling, no conversion.
        if (cm instanceof IndexColorModel || cm.getColorSpace().isCS_sRGB()) {
            return fromArgb(image);
        }
        return fromArgb(toSrgb(image));
    }

    /** Whether the raster holds gray or sRGB integer samples this class can read as they are. */
    private static boolean readsSamplesDirectly(ColorModel cm, Raster raster) {
        if (!(cm instanceof ComponentColorModel) && !(cm instanceof PackedColorModel)) {
            return false;
        }
        int type = raster.getTransferType();
        if (type != DataBuffer.TYPE_BYTE
                && type != DataBuffer.TYPE_USHORT
                && type != DataBuffer.TYPE_INT) {
            return false;
        }
        for (int size : cm.getComponentSize()) {
            if (size < 1 || size > 16) {
                return false;
            }
        }
        ColorSpace cs = cm.getColorSpace();
        boolean gray = cs.getType() == ColorSpace.TYPE_GRAY && cs.getNumComponents() == 1;
        return !cm.isAlphaPremultiplied()
                && raster.getNumBands() == cm.getNumComponents()
                && (gray || cs.isCS_sRGB());
    }

    /** Whether the image is gray (with or without alpha) in float or double samples, 0 to 1. */
    private static boolean isFloatGray(ColorModel cm, Raster raster) {
        int type = raster.getTransferType();
        ColorSpace cs = cm.getColorSpace();
        return cm instanceof ComponentColorModel
                && (type == DataBuffer.TYPE_FLOAT || type == DataBuffer.TYPE_DOUBLE)
                && cs.getType() == ColorSpace.TYPE_GRAY
                && cs.getNumComponents() == 1
                && !cm.isAlphaPremultiplied()
                && raster.getNumBands() == cm.getNumComponents();
    }

    /** Path 1 for float gray: {@code round(v * 255)}, clamped to 0..255, then as path 1. */
    private RgbImage fromFloatGray(BufferedImage image) {
        Raster raster = image.getRaster();
        boolean alpha = image.getColorModel().hasAlpha();
        int w = image.getWidth();
        int h = image.getHeight();
        byte[] rgb = new byte[3 * w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int v = unit(raster.getSampleDouble(x, y, 0));
                int a = alpha ? unit(raster.getSampleDouble(x, y, 1)) : 255;
                int i = 3 * (y * w + x);
                for (int c = 0; c < 3; c++) {
                    rgb[i + c] = (byte) blend(v, background >> (16 - 8 * c), a);
                }
            }
        }
        return RgbImage.wrap(w, h, rgb);
    }

    private static int unit(double v) {
        return (int) Math.round(Math.max(0, Math.min(1, Double.isNaN(v) ? 0 : v)) * 255);
    }

    /** Path 1: reads raster samples (colour bands first, then alpha), scaling each to 8 bits. */
    private RgbImage fromSamples(BufferedImage image) {
        ColorModel cm = image.getColorModel();
        Raster raster = image.getRaster();
        int w = image.getWidth();
        int h = image.getHeight();
        int bands = raster.getNumBands();
        int colours = cm.getNumColorComponents();
        int[] max = new int[bands];
        for (int b = 0; b < bands; b++) {
            max[b] = (1 << cm.getComponentSize(b)) - 1;
        }
        byte[] rgb = new byte[3 * w * h];
        int[] row = new int[bands * w];
        for (int y = 0; y < h; y++) {
            raster.getPixels(raster.getMinX(), raster.getMinY() + y, w, 1, row);
            for (int x = 0; x < w; x++) {
                int p = x * bands;
                int alpha = cm.hasAlpha() ? to8(row[p + colours], max[colours]) : 255;
                int i = 3 * (y * w + x);
                for (int c = 0; c < 3; c++) {
                    int band = colours == 1 ? 0 : c;
                    int value = to8(row[p + band], max[band]);
                    rgb[i + c] = (byte) blend(value, background >> (16 - 8 * c), alpha);
                }
            }
        }
        return RgbImage.wrap(w, h, rgb);
    }

    /** Paths 2 and 3: non-premultiplied sRGB ARGB, from a palette or a colour conversion. */
    private RgbImage fromArgb(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        byte[] rgb = new byte[3 * w * h];
        int[] row = new int[w];
        for (int y = 0; y < h; y++) {
            image.getRGB(0, y, w, 1, row, 0, w);
            for (int x = 0; x < w; x++) {
                int argb = row[x];
                int alpha = argb >>> 24;
                int i = 3 * (y * w + x);
                rgb[i] = (byte) blend(argb >> 16, background >> 16, alpha);
                rgb[i + 1] = (byte) blend(argb >> 8, background >> 8, alpha);
                rgb[i + 2] = (byte) blend(argb, background, alpha);
            }
        }
        return RgbImage.wrap(w, h, rgb);
    }

    /** Path 3: colour-managed conversion to sRGB (with alpha if the source has it). */
    private static BufferedImage toSrgb(BufferedImage image) {
        int type =
                image.getColorModel().hasAlpha()
                        ? BufferedImage.TYPE_INT_ARGB
                        : BufferedImage.TYPE_INT_RGB;
        BufferedImage out = new BufferedImage(image.getWidth(), image.getHeight(), type);
        new ColorConvertOp(null).filter(image, out);
        return out;
    }

    /** Maps a sample of maximum {@code max} to 0..255, rounding half up. */
    static int to8(int value, int max) {
        if (max == 255) {
            return value;
        }
        return (int) ((value * 510L + max) / (2L * max));
    }

    private static int blend(int colour, int bg, int alpha) {
        colour &= 0xFF;
        if (alpha == 255) {
            return colour;
        }
        bg &= 0xFF;
        return (colour * alpha + bg * (255 - alpha) + 127) / 255;
    }
}
