package dev.facekit.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.facekit.image.RgbImage;
import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

/**
 * Writes an upright image in the stored forms of the invariance tests: rotated or mirrored for an
 * EXIF orientation, and as JPEG (baseline, progressive, CMYK), BMP, TIFF, 16-bit PNG and RGBA PNG.
 * The writers are the JDK's and TwelveMonkeys' ImageIO plugins; the EXIF segment is built by hand.
 */
final class Encodings {

    /** The JPEG quality of every JPEG written here. */
    static final float JPEG_QUALITY = 0.95f;

    private Encodings() {}

    /**
     * Returns the image to store so that a viewer applying EXIF orientation {@code tag} (1 to 8)
     * shows {@code upright}: the inverse of the tag's transform. Tags 5 to 8 swap width and height.
     */
    static RgbImage storedFor(RgbImage upright, int tag) {
        boolean swap = tag >= 5;
        int sw = swap ? upright.height() : upright.width();
        int sh = swap ? upright.width() : upright.height();
        byte[] px = new byte[3 * sw * sh];
        for (int sy = 0; sy < sh; sy++) {
            for (int sx = 0; sx < sw; sx++) {
                // Where the viewer puts stored pixel (sx, sy).
                int ux;
                int uy;
                switch (tag) {
                    case 1 -> {
                        ux = sx;
                        uy = sy;
                    }
                    case 2 -> { // mirrored left to right
                        ux = sw - 1 - sx;
                        uy = sy;
                    }
                    case 3 -> { // turned by 180 degrees
                        ux = sw - 1 - sx;
                        uy = sh - 1 - sy;
                    }
                    case 4 -> { // mirrored top to bottom
                        ux = sx;
                        uy = sh - 1 - sy;
                    }
                    case 5 -> { // transposed
                        ux = sy;
                        uy = sx;
                    }
                    case 6 -> { // the viewer turns it 90 degrees clockwise
                        ux = sh - 1 - sy;
                        uy = sx;
                    }
                    case 7 -> { // transversed
                        ux = sh - 1 - sy;
                        uy = sw - 1 - sx;
                    }
                    case 8 -> { // the viewer turns it 90 degrees counter-clockwise
                        ux = sy;
                        uy = sw - 1 - sx;
                    }
                    default -> throw new IllegalArgumentException("orientation " + tag);
                }
                int c = upright.rgb(ux, uy);
                int i = 3 * (sy * sw + sx);
                px[i] = (byte) (c >> 16);
                px[i + 1] = (byte) (c >> 8);
                px[i + 2] = (byte) c;
            }
        }
        return RgbImage.ofRgb(sw, sh, px);
    }

    /** A JPEG of {@link #JPEG_QUALITY}, baseline or progressive, 4:2:0 as the writers default. */
    static byte[] jpeg(RgbImage image, boolean progressive) {
        ImageWriter writer = writer("jpeg");
        ImageWriteParam param = writer.getDefaultWriteParam();
        param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
        param.setCompressionQuality(JPEG_QUALITY);
        if (progressive) {
            param.setProgressiveMode(ImageWriteParam.MODE_DEFAULT);
        }
        byte[] jpeg = write(writer, image.toBufferedImage(), param);
        assertThat(hasMarker(jpeg, progressive ? 0xC2 : 0xC0)).as("SOF marker").isTrue();
        return jpeg;
    }

    /**
     * A four-channel CMYK JPEG (Adobe APP14) from the plain separation K = 255 - max(R, G, B), C,
     * M, Y relative to 255 - K, written by TwelveMonkeys' writer.
     */
    static byte[] cmykJpeg(RgbImage image) {
        ColorSpace cmyk =
                com.twelvemonkeys.imageio.color.ColorSpaces.getColorSpace(
                        com.twelvemonkeys.imageio.color.ColorSpaces.CS_GENERIC_CMYK);
        ComponentColorModel model =
                new ComponentColorModel(
                        cmyk, false, false, Transparency.OPAQUE, DataBuffer.TYPE_BYTE);
        WritableRaster raster = model.createCompatibleWritableRaster(image.width(), image.height());
        for (int y = 0; y < image.height(); y++) {
            for (int x = 0; x < image.width(); x++) {
                raster.setPixel(x, y, separate(image.rgb(x, y)));
            }
        }
        BufferedImage buffered = new BufferedImage(model, raster, false, null);
        ImageWriter writer = writer("jpeg", "com.twelvemonkeys.");
        ImageWriteParam param = writer.getDefaultWriteParam();
        param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
        param.setCompressionQuality(JPEG_QUALITY);
        byte[] jpeg = write(writer, buffered, param);
        assertThat(indexOf(jpeg, "Adobe".getBytes(StandardCharsets.US_ASCII)))
                .as("APP14 Adobe segment")
                .isPositive();
        return jpeg;
    }

    private static int[] separate(int rgb) {
        int r = rgb >> 16 & 0xFF;
        int g = rgb >> 8 & 0xFF;
        int b = rgb & 0xFF;
        int k = 255 - Math.max(r, Math.max(g, b));
        int white = 255 - k;
        if (white == 0) {
            return new int[] {0, 0, 0, 255};
        }
        return new int[] {
            Math.round(255f * (white - r) / white),
            Math.round(255f * (white - g) / white),
            Math.round(255f * (white - b) / white),
            k
        };
    }

    /** A 24-bit BMP. */
    static byte[] bmp(RgbImage image) {
        BufferedImage bgr =
                new BufferedImage(image.width(), image.height(), BufferedImage.TYPE_3BYTE_BGR);
        bgr.getGraphics().drawImage(image.toBufferedImage(), 0, 0, null);
        byte[] bytes = write(writer("bmp"), bgr, null);
        assertThat(new String(bytes, 0, 2, StandardCharsets.US_ASCII)).isEqualTo("BM");
        return bytes;
    }

    /** An 8-bit RGB TIFF, written with the writer's default (lossless) compression. */
    static byte[] tiff(RgbImage image) {
        byte[] bytes = write(writer("tiff"), image.toBufferedImage(), null);
        assertThat(new String(bytes, 0, 2, StandardCharsets.US_ASCII)).isIn("II", "MM");
        return bytes;
    }

    /** A 16-bit RGB PNG whose samples are the 8-bit ones times 257 (so 255 becomes 65535). */
    static byte[] png16(RgbImage image) {
        ComponentColorModel model =
                new ComponentColorModel(
                        ColorSpace.getInstance(ColorSpace.CS_sRGB),
                        false,
                        false,
                        Transparency.OPAQUE,
                        DataBuffer.TYPE_USHORT);
        WritableRaster raster = model.createCompatibleWritableRaster(image.width(), image.height());
        for (int y = 0; y < image.height(); y++) {
            for (int x = 0; x < image.width(); x++) {
                int c = image.rgb(x, y);
                raster.setPixel(
                        x,
                        y,
                        new int[] {
                            (c >> 16 & 0xFF) * 257, (c >> 8 & 0xFF) * 257, (c & 0xFF) * 257
                        });
            }
        }
        byte[] png = write(writer("png"), new BufferedImage(model, raster, false, null), null);
        assertThat(png[24]).as("IHDR bit depth").isEqualTo((byte) 16);
        assertThat(png[25]).as("IHDR colour type RGB").isEqualTo((byte) 2);
        return png;
    }

    /** An RGBA PNG with every alpha 255. */
    static byte[] opaqueRgbaPng(RgbImage image) {
        BufferedImage argb =
                new BufferedImage(image.width(), image.height(), BufferedImage.TYPE_INT_ARGB);
        for (int y = 0; y < image.height(); y++) {
            for (int x = 0; x < image.width(); x++) {
                argb.setRGB(x, y, 0xFF000000 | image.rgb(x, y));
            }
        }
        byte[] png = write(writer("png"), argb, null);
        assertThat(png[25]).as("IHDR colour type RGBA").isEqualTo((byte) 6);
        return png;
    }

    /**
     * Inserts an APP1 Exif segment right after the SOI marker whose IFD0 holds only an Orientation
     * tag, in big-endian (Motorola) byte order as most cameras write it.
     */
    static byte[] withExifOrientation(byte[] jpeg, int tag) {
        ByteBuffer tiff = ByteBuffer.allocate(26).order(ByteOrder.BIG_ENDIAN);
        tiff.put((byte) 'M').put((byte) 'M').putShort((short) 42).putInt(8);
        tiff.putShort((short) 1); // one IFD0 entry
        tiff.putShort((short) 0x0112).putShort((short) 3).putInt(1); // Orientation, SHORT, 1
        tiff.putShort((short) tag).putShort((short) 0);
        tiff.putInt(0); // no next IFD
        byte[] prefix = "Exif\0\0".getBytes(StandardCharsets.US_ASCII);
        int length = 2 + prefix.length + tiff.capacity();
        ByteBuffer out = ByteBuffer.allocate(jpeg.length + 2 + length);
        out.put(jpeg, 0, 2);
        out.put((byte) 0xFF).put((byte) 0xE1).putShort((short) length);
        out.put(prefix).put(tiff.array());
        out.put(jpeg, 2, jpeg.length - 2);
        return out.array();
    }

    private static boolean hasMarker(byte[] jpeg, int code) {
        for (int i = 0; i + 1 < jpeg.length; i++) {
            if ((jpeg[i] & 0xFF) == 0xFF && (jpeg[i + 1] & 0xFF) == code) {
                return true;
            }
        }
        return false;
    }

    private static int indexOf(byte[] b, byte[] pattern) {
        outer:
        for (int i = 0; i + pattern.length <= b.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (b[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static ImageWriter writer(String format) {
        Iterator<ImageWriter> it = ImageIO.getImageWritersByFormatName(format);
        assertThat(it.hasNext()).as("an ImageIO writer for %s", format).isTrue();
        return it.next();
    }

    private static ImageWriter writer(String format, String classPrefix) {
        for (Iterator<ImageWriter> it = ImageIO.getImageWritersByFormatName(format);
                it.hasNext(); ) {
            ImageWriter w = it.next();
            if (w.getClass().getName().startsWith(classPrefix)) {
                return w;
            }
        }
        throw new AssertionError("no " + format + " writer from " + classPrefix);
    }

    private static byte[] write(ImageWriter writer, BufferedImage image, ImageWriteParam param) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
            writer.setOutput(out);
            writer.write(null, new IIOImage(image, null, null), param);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }
}
