package dev.facekit.image;

import com.twelvemonkeys.imageio.stream.ByteArrayImageInputStream;
import dev.facekit.image.ImageDecodeException.Reason;
import java.awt.image.BufferedImage;
import java.io.EOFException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.event.IIOReadWarningListener;
import javax.imageio.stream.ImageInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one ImageIO reader over bytes held in memory: picks the reader, checks the declared size
 * against the pixel budget before decoding, decodes the first image, and turns every failure into
 * an {@link ImageDecodeException}.
 *
 * <p>The input is a {@link ByteArrayImageInputStream}, which reads the caller's array in place: no
 * copy, and none of ImageIO's temporary cache files, whatever {@link ImageIO#getUseCache()} says.
 */
final class ImageReading {

    private static final Logger LOG = LoggerFactory.getLogger(ImageReading.class);

    private static final String TWELVEMONKEYS = "com.twelvemonkeys.";

    private ImageReading() {}

    /**
     * Decodes the first image of a file.
     *
     * @param format the format sniffed from the bytes
     * @param bytes the file's bytes
     * @param source the input's name, for errors
     * @param budget the pixel budget
     * @return the decoded image, as stored (no orientation applied)
     */
    static BufferedImage read(ImageFormat format, byte[] bytes, String source, PixelBudget budget) {
        ImageReader reader = readerFor(format, source);
        List<String> warnings = new ArrayList<>();
        try (ImageInputStream in = new ByteArrayImageInputStream(bytes)) {
            reader.setInput(in, true, true);
            reader.addIIOReadWarningListener(collector(warnings));

            // The header first: size and tile size against the budget, before any pixel.
            budget.check(source, reader.getWidth(0), reader.getHeight(0));
            budget.check(source, reader.getTileWidth(0), reader.getTileHeight(0));
            budget.checkBitsPerPixel(source, bitsPerPixel(reader.getRawImageType(0)));

            BufferedImage image = reader.read(0);
            checkWarnings(warnings, source);
            return image;
        } catch (IOException | RuntimeException e) {
            throw classify(e, format, source);
        } finally {
            reader.dispose();
        }
    }

    /** Returns the bits per pixel of a reader's raw layout, 0 if the reader does not say. */
    private static int bitsPerPixel(ImageTypeSpecifier raw) {
        if (raw == null) {
            return 0;
        }
        int bits = 0;
        for (int size : raw.getSampleModel().getSampleSize()) {
            bits += size;
        }
        return bits;
    }

    /** Prefers the TwelveMonkeys plugin where one is registered (JPEG, TIFF, BMP, WebP). */
    private static ImageReader readerFor(ImageFormat format, String source) {
        Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName(format.name());
        ImageReader chosen = null;
        while (readers.hasNext()) {
            ImageReader next = readers.next();
            if (chosen == null || next.getClass().getName().startsWith(TWELVEMONKEYS)) {
                chosen = next;
            }
        }
        if (chosen == null) {
            throw new ImageDecodeException(
                    source,
                    Reason.UNKNOWN_FORMAT,
                    "no " + format.displayName() + " decoder is registered with ImageIO",
                    null);
        }
        LOG.debug("{}: {} read by {}", source, format.displayName(), chosen.getClass().getName());
        return chosen;
    }

    private static IIOReadWarningListener collector(List<String> warnings) {
        return (reader, warning) -> warnings.add(warning);
    }

    /**
     * libjpeg reports missing data only as a warning ("Premature end of JPEG file", or "premature
     * end of data segment" when an end marker follows too early) and fills the rest with grey.
     */
    private static void checkWarnings(List<String> warnings, String source) {
        for (String warning : warnings) {
            if (warning.toLowerCase(java.util.Locale.ROOT).contains("premature end")) {
                throw new ImageDecodeException(source, Reason.TRUNCATED, warning, null);
            }
            LOG.debug("{}: decoder warning: {}", source, warning);
        }
    }

    /**
     * Names a reader's failure: running out of data is {@code TRUNCATED}; a variant of the format
     * the reader does not implement (it says "unsupported") is {@code UNKNOWN_FORMAT}; anything
     * else is {@code CORRUPT}. The reader's own message is kept as the detail.
     */
    private static ImageDecodeException classify(Exception e, ImageFormat format, String source) {
        if (e instanceof ImageDecodeException ide) {
            return ide;
        }
        String detail = format.displayName() + " decoder failed: " + e;
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof EOFException) {
                return new ImageDecodeException(source, Reason.TRUNCATED, detail, e);
            }
        }
        String message = String.valueOf(e.getMessage()).toLowerCase(java.util.Locale.ROOT);
        Reason reason = message.contains("unsupported") ? Reason.UNKNOWN_FORMAT : Reason.CORRUPT;
        return new ImageDecodeException(source, reason, detail, e);
    }
}
