package dev.facekit.image;

/**
 * Options of an {@link ImageDecoder}.
 *
 * @param maxPixels the largest {@code width * height} the decoder accepts; checked from the header
 *     before any pixel is decoded, for the image and for each TIFF tile (pixels are also capped at
 *     128 bits each, so the budget bounds memory; see {@code core/IMAGES.md})
 * @param background the colour ({@code 0xRRGGBB}) that transparent pixels are composited onto
 */
public record DecodeOptions(long maxPixels, int background) {

    /** The default pixel budget: 100 megapixels. */
    public static final long DEFAULT_MAX_PIXELS = 100_000_000L;

    /** The default background for transparency: white. */
    public static final int DEFAULT_BACKGROUND = 0xFFFFFF;

    /** The defaults: 100 megapixels, white background. */
    public static final DecodeOptions DEFAULTS =
            new DecodeOptions(DEFAULT_MAX_PIXELS, DEFAULT_BACKGROUND);

    /** Validates that the budget is positive and the background is a 24-bit colour. */
    public DecodeOptions {
        if (maxPixels <= 0) {
            throw new IllegalArgumentException("maxPixels must be > 0, got " + maxPixels);
        }
        if ((background & ~0xFFFFFF) != 0) {
            throw new IllegalArgumentException(
                    "background must be 0xRRGGBB, got 0x" + Integer.toHexString(background));
        }
    }

    /**
     * Returns these options with another pixel budget.
     *
     * @param pixels the largest {@code width * height} accepted
     * @return the new options
     */
    public DecodeOptions withMaxPixels(long pixels) {
        return new DecodeOptions(pixels, background);
    }

    /**
     * Returns these options with another background colour.
     *
     * @param rgb the colour as {@code 0xRRGGBB}
     * @return the new options
     */
    public DecodeOptions withBackground(int rgb) {
        return new DecodeOptions(maxPixels, rgb);
    }
}
