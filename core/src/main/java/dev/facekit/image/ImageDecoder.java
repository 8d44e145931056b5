package dev.facekit.image;

import dev.facekit.image.ImageDecodeException.Reason;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decodes image bytes into an upright {@link RgbImage}. The format is found from the bytes, never
 * from a file name: JPEG (baseline, progressive, CMYK, YCCK, embedded ICC profiles), PNG (1 to 16
 * bits; gray, gray with alpha, palette with transparency, RGB, RGBA), GIF (first frame), BMP, TIFF
 * and WebP. {@code core/IMAGES.md} lists what is verified for each.
 *
 * <p>Decoding runs in stages:
 *
 * <ol>
 *   <li>recognise the format from the leading bytes;
 *   <li>walk the container (JPEG segments, PNG and WebP chunks, GIF blocks): declared size, EXIF
 *       block, ICC profile, and whether the file is cut short, which ImageIO does not report
 *       reliably;
 *   <li>check the declared size against the pixel budget ({@link DecodeOptions#maxPixels()}), so
 *       that a header declaring 100,000 x 100,000 pixels fails before any buffer is allocated;
 *   <li>decode the first image with the ImageIO reader for the format, preferring the TwelveMonkeys
 *       plugins;
 *   <li>convert to 8-bit RGB: gray to {@code R = G = B} with the stored values, {@code n}-bit
 *       samples to 8 bits as {@code round(v * 255 / (2^n - 1))} (16 bits: {@code round(v / 257)}),
 *       CMYK and ICC-profiled images (JPEG; RGB PNG with {@code iCCP}) colour-managed to sRGB,
 *       transparency composited onto {@link DecodeOptions#background()};
 *   <li>place a GIF's first frame on its logical screen if it does not fill it;
 *   <li>apply the EXIF orientation (JPEG, TIFF, PNG {@code eXIf}, WebP), all eight values.
 * </ol>
 *
 * <p>Every failure is an {@link ImageDecodeException} naming the source and a {@link
 * ImageDecodeException.Reason}.
 *
 * <p>Thread-safe: one decoder may serve any number of threads.
 */
public final class ImageDecoder {

    private static final ImageDecoder DEFAULT = new ImageDecoder(DecodeOptions.DEFAULTS);

    /** The largest file {@link #decode(Path)} reads: the largest byte array a JVM allocates. */
    private static final long MAX_FILE_BYTES = Integer.MAX_VALUE - 8;

    private static final Logger LOG = LoggerFactory.getLogger(ImageDecoder.class);

    private final DecodeOptions options;
    private final PixelBudget budget;
    private final RasterConverter converter;

    private ImageDecoder(DecodeOptions options) {
        this.options = Objects.requireNonNull(options, "options");
        this.budget = new PixelBudget(options.maxPixels());
        this.converter = new RasterConverter(options.background());
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
            long size = Files.size(path);
            if (size > MAX_FILE_BYTES) {
                throw new ImageDecodeException(
                        source,
                        Reason.TOO_LARGE,
                        size + " bytes, more than a Java array holds",
                        null);
            }
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
        Objects.requireNonNull(encoded, "encoded");
        Objects.requireNonNull(source, "source");

        // Recognise the format and walk its container before any pixel is decoded.
        ImageFormat format = sniff(encoded, source);
        ContainerScan.Result container = ContainerScan.scan(format, encoded, source);
        if (container.width() > 0) {
            budget.check(source, container.width(), container.height());
        }

        // Decode, convert to 8-bit RGB, stand upright.
        BufferedImage stored = ImageReading.read(format, encoded, source, budget);
        RgbImage pixels = toRgb(stored, container, source);
        if (container.placement() != null) {
            pixels = container.placement().place(pixels, options.background());
        }
        Orientation orientation = Orientation.fromExif(container.exif(), source);
        if (orientation != Orientation.TOP_LEFT) {
            LOG.debug("{}: EXIF orientation {} applied", source, orientation.tag());
        }
        return orientation.apply(pixels);
    }

    /**
     * Converts a decoded {@link BufferedImage}, taken as upright, by the rules of this decoder:
     * gray keeps its values ({@code R = G = B}), samples of more than 8 bits are scaled, other
     * colour spaces are converted to sRGB, and alpha is composited onto the background.
     *
     * @param image the image
     * @param source how to name the input in error messages
     * @return the converted image
     * @throws ImageDecodeException {@code TOO_LARGE} if the image is over the pixel budget
     */
    public RgbImage convert(BufferedImage image, String source) {
        budget.check(source, image.getWidth(), image.getHeight());
        return converter.convert(image);
    }

    /** Colour conversion; a colour-management failure (LCMS rejects a profile) is CORRUPT. */
    private RgbImage toRgb(BufferedImage stored, ContainerScan.Result container, String source) {
        try {
            return converter.convert(EmbeddedProfile.attach(stored, container.iccp(), source));
        } catch (ImageDecodeException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new ImageDecodeException(
                    source, Reason.CORRUPT, "colour conversion failed: " + e, e);
        }
    }

    private static ImageFormat sniff(byte[] encoded, String source) {
        if (encoded.length == 0) {
            throw new ImageDecodeException(source, Reason.EMPTY, "no bytes", null);
        }
        return ImageFormat.sniff(encoded)
                .orElseThrow(
                        () ->
                                new ImageDecodeException(
                                        source,
                                        Reason.UNKNOWN_FORMAT,
                                        "not JPEG, PNG, GIF, BMP, TIFF or WebP (starts with "
                                                + ImageFormat.head(encoded)
                                                + ")",
                                        null));
    }
}
