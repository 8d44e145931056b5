package dev.facekit.image;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * An immutable, upright, 8-bit RGB image.
 *
 * <p>"Upright" means that any EXIF orientation of the source has been applied: pixel {@code (0, 0)}
 * is the top-left corner as a person sees the photo. Every coordinate in FaceKit is in pixels of
 * such an image, origin at the top-left, x to the right, y down. Gray sources have {@code R = G =
 * B}; transparent sources are composited onto the decoder's background (white by default, see
 * {@link DecodeOptions}).
 *
 * <p>Pixels are stored interleaved, row by row: {@code R, G, B} of {@code (0,0)}, then of {@code
 * (1,0)}, and so on. Instances are immutable and thread-safe. Equality compares size and pixels.
 */
public final class RgbImage {

    private final int width;
    private final int height;
    private final byte[] rgb;

    private RgbImage(int width, int height, byte[] rgb) {
        this.width = width;
        this.height = height;
        this.rgb = rgb;
    }

    /**
     * Returns an image holding a copy of interleaved RGB bytes.
     *
     * @param width width in pixels, {@code > 0}
     * @param height height in pixels, {@code > 0}
     * @param rgb {@code width * height * 3} bytes, row by row, R, G, B per pixel
     * @return the image
     * @throws IllegalArgumentException if a size is not positive or the array length is wrong
     */
    public static RgbImage ofRgb(int width, int height, byte[] rgb) {
        checkSize(width, height);
        long expected = 3L * width * height;
        if (rgb.length != expected) {
            throw new IllegalArgumentException(
                    "expected "
                            + expected
                            + " RGB bytes for "
                            + width
                            + "x"
                            + height
                            + ", got "
                            + rgb.length);
        }
        return new RgbImage(width, height, rgb.clone());
    }

    /**
     * Returns an image filled with one colour.
     *
     * @param width width in pixels, {@code > 0}
     * @param height height in pixels, {@code > 0}
     * @param rgb the colour as {@code 0xRRGGBB}
     * @return the image
     */
    public static RgbImage filled(int width, int height, int rgb) {
        checkSize(width, height);
        byte[] px = new byte[3 * width * height];
        for (int i = 0; i < px.length; i += 3) {
            px[i] = (byte) (rgb >> 16);
            px[i + 1] = (byte) (rgb >> 8);
            px[i + 2] = (byte) rgb;
        }
        return new RgbImage(width, height, px);
    }

    /**
     * Wraps bytes the caller hands over and will never touch again. For FaceKit's own decoders and
     * resamplers, which build a fresh array per image.
     */
    static RgbImage wrap(int width, int height, byte[] rgb) {
        checkSize(width, height);
        if (rgb.length != 3L * width * height) {
            throw new IllegalArgumentException(
                    "RGB buffer size does not match " + width + "x" + height);
        }
        return new RgbImage(width, height, rgb);
    }

    /**
     * Decodes an image file with the default decoder (see {@link ImageDecoder#defaults()}).
     *
     * @param path the file
     * @return the upright image
     * @throws ImageDecodeException if the file cannot be read or decoded
     */
    public static RgbImage read(Path path) {
        return ImageDecoder.defaults().decode(path);
    }

    /**
     * Decodes encoded image bytes with the default decoder.
     *
     * @param encoded the bytes of an image file
     * @return the upright image
     * @throws ImageDecodeException if the bytes cannot be decoded
     */
    public static RgbImage read(byte[] encoded) {
        return ImageDecoder.defaults().decode(encoded, "byte[" + encoded.length + "]");
    }

    /**
     * Decodes an image from a stream with the default decoder. The stream is read to its end but
     * not closed.
     *
     * @param in the stream
     * @return the upright image
     * @throws ImageDecodeException if the stream cannot be read or decoded
     */
    public static RgbImage read(InputStream in) {
        return ImageDecoder.defaults().decode(in, "stream");
    }

    /**
     * Converts a {@link BufferedImage}, taken as upright, by the default decoder's rules (see
     * {@link ImageDecoder#convert(BufferedImage, String)}): gray images keep their values ({@code R
     * = G = B}), {@code n}-bit samples become {@code round(v * 255 / (2^n - 1))} (16 bits: {@code
     * round(v / 257)}), other colour spaces are converted to sRGB, and alpha is composited onto
     * white.
     *
     * @param image the image
     * @return the converted image
     * @throws ImageDecodeException {@code TOO_LARGE} over the default pixel budget
     */
    public static RgbImage of(BufferedImage image) {
        return ImageDecoder.defaults().convert(image, "BufferedImage");
    }

    /** Returns the width in pixels. */
    public int width() {
        return width;
    }

    /** Returns the height in pixels. */
    public int height() {
        return height;
    }

    /**
     * Returns the pixel at {@code (x, y)} as {@code 0xRRGGBB}.
     *
     * @param x column, {@code 0 <= x < width}
     * @param y row, {@code 0 <= y < height}
     * @return the packed colour
     * @throws IndexOutOfBoundsException if the pixel lies outside the image
     */
    public int rgb(int x, int y) {
        if (x < 0 || y < 0 || x >= width || y >= height) {
            throw new IndexOutOfBoundsException(
                    "pixel (" + x + ", " + y + ") outside " + width + "x" + height);
        }
        int i = 3 * (y * width + x);
        return (rgb[i] & 0xff) << 16 | (rgb[i + 1] & 0xff) << 8 | (rgb[i + 2] & 0xff);
    }

    /** Returns a copy of the interleaved RGB bytes. */
    public byte[] toRgbBytes() {
        return rgb.clone();
    }

    /** Returns the backing array itself, for FaceKit's resamplers, which never write to it. */
    byte[] toRgbBytesShared() {
        return rgb;
    }

    /** Returns a read-only view of the interleaved RGB bytes, without copying. */
    public ByteBuffer rgbBuffer() {
        return ByteBuffer.wrap(rgb).asReadOnlyBuffer();
    }

    /** Returns a new {@link BufferedImage} of type {@code TYPE_3BYTE_BGR} with these pixels. */
    public BufferedImage toBufferedImage() {
        BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
        byte[] bgr = ((DataBufferByte) out.getRaster().getDataBuffer()).getData();
        for (int i = 0; i < rgb.length; i += 3) {
            bgr[i] = rgb[i + 2];
            bgr[i + 1] = rgb[i + 1];
            bgr[i + 2] = rgb[i];
        }
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RgbImage other
                && width == other.width
                && height == other.height
                && Arrays.equals(rgb, other.rgb);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * width + height) + Arrays.hashCode(rgb);
    }

    @Override
    public String toString() {
        return "RgbImage[" + width + "x" + height + "]";
    }

    private static void checkSize(int width, int height) {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException(
                    "image size must be positive, got " + width + "x" + height);
        }
    }
}
