package dev.facekit.image;

import dev.facekit.image.ImageDecodeException.Reason;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * Decodes image bytes into an upright {@link RgbImage}. The format is found from the bytes, never
 * from a file name.
 *
 * <p>Thread-safe: one decoder may serve any number of threads.
 *
 * <p>TODO: this first version reads what the JDK's ImageIO and the registered plugins read and
 * converts through {@code getRGB}; EXIF orientation, CMYK JPEGs, 16-bit and gray-alpha PNGs and
 * truncation detection are not handled yet, so such files may decode with wrong pixels.
 */
public final class ImageDecoder {

    private static final ImageDecoder DEFAULT = new ImageDecoder(DecodeOptions.DEFAULTS);

    private final DecodeOptions options;

    private ImageDecoder(DecodeOptions options) {
        this.options = options;
    }

    /** Returns the decoder with {@link DecodeOptions#DEFAULTS}. */
    public static ImageDecoder defaults() {
        return DEFAULT;
    }

    /**
     * Returns a decoder with the given options.
     *
     * @param options the options
     * @return the decoder
     */
    public static ImageDecoder withOptions(DecodeOptions options) {
        return new ImageDecoder(options);
    }

    /** Returns this decoder's options. */
    public DecodeOptions options() {
        return options;
    }

    /**
     * Decodes an image file.
     *
     * @param path the file
     * @return the upright image
     * @throws ImageDecodeException if the file cannot be read or decoded
     */
    public RgbImage decode(Path path) {
        String source = path.toString();
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(path);
        } catch (NoSuchFileException e) {
            throw new ImageDecodeException(source, Reason.UNREADABLE, "no such file", e);
        } catch (IOException e) {
            throw new ImageDecodeException(source, Reason.UNREADABLE, e.toString(), e);
        }
        return decode(bytes, source);
    }

    /**
     * Decodes an image from a stream, which is read to its end but not closed.
     *
     * @param in the stream
     * @param source how to name the input in error messages
     * @return the upright image
     * @throws ImageDecodeException if the stream cannot be read or decoded
     */
    public RgbImage decode(InputStream in, String source) {
        try {
            return decode(in.readAllBytes(), source);
        } catch (IOException e) {
            throw new ImageDecodeException(source, Reason.UNREADABLE, e.toString(), e);
        }
    }

    /**
     * Decodes the bytes of an image file.
     *
     * @param encoded the bytes
     * @param source how to name the input in error messages
     * @return the upright image
     * @throws ImageDecodeException if the bytes cannot be decoded
     */
    public RgbImage decode(byte[] encoded, String source) {
        if (encoded.length == 0) {
            throw new ImageDecodeException(source, Reason.EMPTY, "no bytes", null);
        }
        try (ImageInputStream in =
                ImageIO.createImageInputStream(new ByteArrayInputStream(encoded))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw new ImageDecodeException(
                        source, Reason.UNKNOWN_FORMAT, "not a known image format", null);
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                checkBudget(source, reader.getWidth(0), reader.getHeight(0));
                return convert(reader.read(0), source);
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof ImageDecodeException ide) {
                throw ide;
            }
            throw new ImageDecodeException(source, Reason.CORRUPT, e.toString(), e);
        }
    }

    /**
     * Converts a decoded {@link BufferedImage}, taken as upright.
     *
     * @param image the image
     * @param source how to name the input in error messages
     * @return the converted image
     */
    public RgbImage convert(BufferedImage image, String source) {
        int w = image.getWidth();
        int h = image.getHeight();
        checkBudget(source, w, h);
        int bg = options.background();
        byte[] rgb = new byte[3 * w * h];
        int[] row = new int[w];
        for (int y = 0; y < h; y++) {
            image.getRGB(0, y, w, 1, row, 0, w);
            for (int x = 0; x < w; x++) {
                int argb = row[x];
                int a = argb >>> 24;
                int i = 3 * (y * w + x);
                rgb[i] = (byte) blend(argb >> 16, bg >> 16, a);
                rgb[i + 1] = (byte) blend(argb >> 8, bg >> 8, a);
                rgb[i + 2] = (byte) blend(argb, bg, a);
            }
        }
        return RgbImage.wrap(w, h, rgb);
    }

    private void checkBudget(String source, int width, int height) {
        long pixels = (long) width * height;
        if (pixels > options.maxPixels()) {
            throw new ImageDecodeException(
                    source,
                    Reason.TOO_LARGE,
                    width
                            + "x"
                            + height
                            + " is "
                            + pixels
                            + " pixels, over the budget of "
                            + options.maxPixels(),
                    null);
        }
    }

    private static int blend(int fg, int bg, int alpha) {
        fg &= 0xff;
        bg &= 0xff;
        return (fg * alpha + bg * (255 - alpha) + 127) / 255;
    }
}
