package dev.facekit.image;

import static org.assertj.core.api.Assertions.assertThat;

import com.twelvemonkeys.imageio.color.ColorSpaces;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.DataBuffer;
import java.awt.image.RenderedImage;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.zip.CRC32;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageOutputStream;
import org.w3c.dom.Node;

/**
 * Test fixtures made on the fly: images written by the ImageIO and TwelveMonkeys writers, and
 * byte-level surgery (EXIF segments, PNG chunks, hand-built TIFF) where no writer does the job.
 */
final class Encoded {

    private Encoded() {}

    /** Writes an image with the first registered ImageIO writer of a format. */
    static byte[] write(RenderedImage image, String format) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            assertThat(ImageIO.write(image, format, out)).as("a %s writer", format).isTrue();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Writes a JPEG at the given quality, baseline or progressive. */
    static byte[] jpeg(RenderedImage image, float quality, boolean progressive) {
        ImageWriter writer = writer("jpeg", "com.twelvemonkeys.");
        ImageWriteParam param = writer.getDefaultWriteParam();
        param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
        param.setCompressionQuality(quality);
        if (progressive) {
            param.setProgressiveMode(ImageWriteParam.MODE_DEFAULT);
        }
        return write(writer, new IIOImage(image, null, null), param);
    }

    /**
     * Writes a four-channel Adobe JPEG from raw samples, with the JDK's writer given a bare {@link
     * java.awt.image.Raster} so that it stores the bands exactly as given: {@code transform} 0
     * stores CMYK, 2 stores YCCK. The samples are given as C, M, Y, K; this method does by hand
     * what Photoshop does: it stores them inverted (255 - v), and for YCCK it turns the inverted C,
     * M, Y into Y, Cb, Cr with the JFIF equations (as libjpeg's CMYK-to-YCCK step does).
     */
    static byte[] adobeJpeg(int[][] cmyk, int width, int height, int transform) {
        WritableRaster raster =
                java.awt.image.Raster.createInterleavedRaster(
                        DataBuffer.TYPE_BYTE, width, height, 4, null);
        for (int i = 0; i < width * height; i++) {
            int[] stored = new int[4];
            for (int c = 0; c < 4; c++) {
                stored[c] = 255 - cmyk[i][c];
            }
            raster.setPixel(i % width, i / width, transform == 2 ? ycck(stored) : stored);
        }
        ColorSpace cs = ColorSpaces.getColorSpace(ColorSpaces.CS_GENERIC_CMYK);
        ImageTypeSpecifier spec =
                ImageTypeSpecifier.createInterleaved(
                        cs, new int[] {0, 1, 2, 3}, DataBuffer.TYPE_BYTE, false, false);
        ImageWriter writer = writer("jpeg", "com.sun.imageio.");
        ImageWriteParam param = writer.getDefaultWriteParam();
        param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
        param.setCompressionQuality(1f);
        IIOMetadata md = writer.getDefaultImageMetadata(spec, param);
        setAdobeTransform(md, transform);
        byte[] bytes = write(writer, new IIOImage(raster, null, md), param);
        assertThat(adobeTransform(bytes)).as("APP14 Adobe transform").isEqualTo(transform);
        return bytes;
    }

    /** libjpeg's CMYK to YCCK: R, G, B = 255 - (stored C, M, Y), then JFIF YCbCr; K unchanged. */
    private static int[] ycck(int[] stored) {
        double r = 255 - stored[0];
        double g = 255 - stored[1];
        double b = 255 - stored[2];
        double y = 0.299 * r + 0.587 * g + 0.114 * b;
        double cb = -0.168736 * r - 0.331264 * g + 0.5 * b + 128;
        double cr = 0.5 * r - 0.418688 * g - 0.081312 * b + 128;
        return new int[] {clamp(y), clamp(cb), clamp(cr), stored[3]};
    }

    private static int clamp(double v) {
        return (int) Math.max(0, Math.min(255, Math.round(v)));
    }

    /** Writes a CMYK image with the TwelveMonkeys writer, which does the Adobe inversion itself. */
    static byte[] twelveMonkeysCmykJpeg(int[][] cmyk, int width, int height) {
        ColorSpace cs = ColorSpaces.getColorSpace(ColorSpaces.CS_GENERIC_CMYK);
        ImageTypeSpecifier spec =
                ImageTypeSpecifier.createInterleaved(
                        cs, new int[] {0, 1, 2, 3}, DataBuffer.TYPE_BYTE, false, false);
        BufferedImage image = spec.createBufferedImage(width, height);
        for (int i = 0; i < width * height; i++) {
            image.getRaster().setPixel(i % width, i / width, cmyk[i]);
        }
        ImageWriter writer = writer("jpeg", "com.twelvemonkeys.");
        ImageWriteParam param = writer.getDefaultWriteParam();
        param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
        param.setCompressionQuality(1f);
        IIOMetadata md = writer.getDefaultImageMetadata(spec, param);
        byte[] bytes = write(writer, new IIOImage(image, null, md), param);
        assertThat(adobeTransform(bytes)).as("APP14 Adobe transform").isGreaterThanOrEqualTo(0);
        return bytes;
    }

    private static void setAdobeTransform(IIOMetadata md, int transform) {
        String format = md.getNativeMetadataFormatName();
        Node root = md.getAsTree(format);
        IIOMetadataNode adobe = find(root, "app14Adobe");
        adobe.setAttribute("transform", Integer.toString(transform));
        try {
            md.setFromTree(format, root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static IIOMetadataNode find(Node node, String name) {
        if (node.getNodeName().equals(name)) {
            return (IIOMetadataNode) node;
        }
        for (Node c = node.getFirstChild(); c != null; c = c.getNextSibling()) {
            IIOMetadataNode hit = find(c, name);
            if (hit != null) {
                return hit;
            }
        }
        return null;
    }

    /** Returns the transform byte of a JPEG's APP14 Adobe segment, or -1 if it has none. */
    static int adobeTransform(byte[] jpeg) {
        int at = indexOf(jpeg, "Adobe".getBytes(StandardCharsets.US_ASCII));
        return at < 0 ? -1 : jpeg[at + 11] & 0xFF;
    }

    /** Returns whether a JPEG has a marker (0xFF, code) outside its entropy-coded data. */
    static boolean hasMarker(byte[] jpeg, int code) {
        for (int i = 0; i + 1 < jpeg.length; i++) {
            if ((jpeg[i] & 0xFF) == 0xFF && (jpeg[i + 1] & 0xFF) == code) {
                return true;
            }
        }
        return false;
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

    private static byte[] write(ImageWriter writer, IIOImage image, ImageWriteParam param) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
            writer.setOutput(out);
            writer.write(null, image, param);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }

    // ------------------------------------------------------------ byte surgery

    /** An EXIF block (TIFF structure) whose IFD0 holds only the Orientation tag. */
    static byte[] exifOrientation(int orientation, ByteOrder order) {
        ByteBuffer b = ByteBuffer.allocate(26).order(order);
        b.put(order == ByteOrder.BIG_ENDIAN ? (byte) 'M' : (byte) 'I');
        b.put(order == ByteOrder.BIG_ENDIAN ? (byte) 'M' : (byte) 'I');
        b.putShort((short) 42).putInt(8); // magic, offset of IFD0
        b.putShort((short) 1); // one entry
        b.putShort((short) 0x0112).putShort((short) 3).putInt(1); // Orientation, SHORT, count 1
        b.putShort((short) orientation).putShort((short) 0); // value, padding
        b.putInt(0); // no next IFD
        return b.array();
    }

    /** Inserts an APP1 "Exif" segment right after a JPEG's SOI marker. */
    static byte[] withJpegExif(byte[] jpeg, byte[] tiff) {
        byte[] prefix = "Exif\0\0".getBytes(StandardCharsets.US_ASCII);
        int length = 2 + prefix.length + tiff.length;
        ByteBuffer out = ByteBuffer.allocate(jpeg.length + 2 + length);
        out.put(jpeg, 0, 2);
        out.put((byte) 0xFF).put((byte) 0xE1).putShort((short) length).put(prefix).put(tiff);
        out.put(jpeg, 2, jpeg.length - 2);
        return out.array();
    }

    /** Inserts an APP2 ICC_PROFILE segment (one part) right after a JPEG's SOI marker. */
    static byte[] withJpegIccProfile(byte[] jpeg, byte[] profile) {
        byte[] prefix = "ICC_PROFILE\0".getBytes(StandardCharsets.US_ASCII);
        int length = 2 + prefix.length + 2 + profile.length;
        ByteBuffer out = ByteBuffer.allocate(jpeg.length + 2 + length);
        out.put(jpeg, 0, 2);
        out.put((byte) 0xFF).put((byte) 0xE2).putShort((short) length).put(prefix);
        out.put((byte) 1).put((byte) 1).put(profile); // part 1 of 1
        out.put(jpeg, 2, jpeg.length - 2);
        return out.array();
    }

    /** Inserts a chunk, with a correct CRC, right after a PNG's IHDR chunk. */
    static byte[] withPngChunk(byte[] png, String type, byte[] data) {
        int afterIhdr = 8 + 8 + 13 + 4;
        return insert(png, afterIhdr, pngChunk(type, data));
    }

    /** A PNG chunk: length, type, data, CRC over type and data. */
    static byte[] pngChunk(String type, byte[] data) {
        byte[] typeBytes = type.getBytes(StandardCharsets.US_ASCII);
        CRC32 crc = new CRC32();
        crc.update(typeBytes);
        crc.update(data);
        return ByteBuffer.allocate(12 + data.length)
                .putInt(data.length)
                .put(typeBytes)
                .put(data)
                .putInt((int) crc.getValue())
                .array();
    }

    static byte[] insert(byte[] b, int at, byte[] insertion) {
        byte[] out = new byte[b.length + insertion.length];
        System.arraycopy(b, 0, out, 0, at);
        System.arraycopy(insertion, 0, out, at, insertion.length);
        System.arraycopy(b, at, out, at + insertion.length, b.length - at);
        return out;
    }

    static int indexOf(byte[] b, byte[] pattern) {
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

    /**
     * A hand-built, uncompressed, little-endian RGB TIFF of one strip, optionally with an
     * Orientation tag (0 for none).
     */
    static byte[] tiff(RgbImage image, int orientation) {
        int entries = orientation == 0 ? 9 : 10;
        int ifdSize = 2 + 12 * entries + 4;
        int bitsOffset = 8 + ifdSize;
        int pixelsOffset = bitsOffset + 6;
        byte[] pixels = image.toRgbBytes();
        ByteBuffer b =
                ByteBuffer.allocate(pixelsOffset + pixels.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 'I').put((byte) 'I').putShort((short) 42).putInt(8);
        b.putShort((short) entries);
        entry(b, 256, 4, 1, image.width()); // ImageWidth, LONG
        entry(b, 257, 4, 1, image.height()); // ImageLength
        entry(b, 258, 3, 3, bitsOffset); // BitsPerSample 8,8,8 (stored after the IFD)
        entry(b, 259, 3, 1, 1); // Compression: none
        entry(b, 262, 3, 1, 2); // PhotometricInterpretation: RGB
        entry(b, 273, 4, 1, pixelsOffset); // StripOffsets
        if (orientation != 0) {
            entry(b, 274, 3, 1, orientation); // Orientation
        }
        entry(b, 277, 3, 1, 3); // SamplesPerPixel
        entry(b, 278, 4, 1, image.height()); // RowsPerStrip
        entry(b, 279, 4, 1, pixels.length); // StripByteCounts
        b.putInt(0); // no next IFD
        b.putShort((short) 8).putShort((short) 8).putShort((short) 8);
        b.put(pixels);
        return b.array();
    }

    private static void entry(ByteBuffer b, int tag, int type, int count, int value) {
        b.putShort((short) tag).putShort((short) type).putInt(count);
        if (type == 3 && count == 1) {
            b.putShort((short) value).putShort((short) 0);
        } else {
            b.putInt(value);
        }
    }
}
