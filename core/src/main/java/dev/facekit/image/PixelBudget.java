package dev.facekit.image;

import dev.facekit.image.ImageDecodeException.Reason;

/** The largest {@code width * height} a decoder accepts, and the check against it. */
record PixelBudget(long maxPixels) {

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
}
