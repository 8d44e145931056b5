package dev.facekit.image;

import dev.facekit.image.ImageDecodeException.Reason;

/**
 * The largest {@code width * height} a decoder accepts, and the checks against it. The bits per
 * pixel are capped as well, so that the budget also bounds memory: a TIFF may declare thousands of
 * samples per pixel.
 */
record PixelBudget(long maxPixels) {

    /** Four 32-bit samples (RGBA or CMYK in float); a pixel of the budget then takes 16 bytes. */
    static final int MAX_BITS_PER_PIXEL = 128;

    /**
     * Checks a declared size.
     *
     * @param source the input's name, for the error
     * @param width the declared width
     * @param height the declared height
     * @throws ImageDecodeException {@code TOO_LARGE} over the budget, {@code CORRUPT} if a side is
     *     not positive
     */
    void check(String source, int width, int height) {
        if (width <= 0 || height <= 0) {
            throw new ImageDecodeException(
                    source, Reason.CORRUPT, "header declares " + width + "x" + height, null);
        }
        long pixels = (long) width * height;
        if (pixels > maxPixels) {
            String detail =
                    String.format(
                            "%dx%d is %d pixels, over the budget of %d",
                            width, height, pixels, maxPixels);
            throw new ImageDecodeException(source, Reason.TOO_LARGE, detail, null);
        }
    }

    /**
     * Checks the declared bits per pixel.
     *
     * @param source the input's name, for the error
     * @param bits the sum of the sample sizes of one pixel, 0 if unknown
     * @throws ImageDecodeException {@code TOO_LARGE} over {@link #MAX_BITS_PER_PIXEL}
     */
    void checkBitsPerPixel(String source, int bits) {
        if (bits > MAX_BITS_PER_PIXEL) {
            String detail =
                    bits + " bits per pixel, more than the " + MAX_BITS_PER_PIXEL + " accepted";
            throw new ImageDecodeException(source, Reason.TOO_LARGE, detail, null);
        }
    }
}
