package dev.facekit.image;

import dev.facekit.geometry.BoundingBox;
import dev.facekit.geometry.SimilarityTransform;

/**
 * Resampling of {@link RgbImage}s: resizing, cutting a region to a new size, and warping by a
 * similarity transform.
 *
 * <p>Sampling is bilinear. Pixels that would come from outside the source image take the colour of
 * the nearest edge pixel (edge replication); this is FaceKit's one rule for "outside the image",
 * used by every crop and alignment. Pixel {@code (i, j)} of an image is taken to sit at coordinates
 * {@code (i, j)}, so a transform maps pixel indices to pixel indices; regions and resizes map pixel
 * areas, so that {@code [x, x + w)} covers exactly the output's {@code [0, outW)} (pixel centres at
 * half-integers).
 *
 * <p>All methods are pure functions and thread-safe.
 */
public final class Resampling {

    private Resampling() {}

    /**
     * Resizes the whole image, bilinearly.
     *
     * @param src the image
     * @param width output width, {@code > 0}
     * @param height output height, {@code > 0}
     * @return the resized image
     */
    public static RgbImage resize(RgbImage src, int width, int height) {
        return cut(src, new BoundingBox(0, 0, src.width(), src.height()), width, height);
    }

    /**
     * Cuts a region of the image and resizes it bilinearly to the given size. Parts of the region
     * outside the image are filled by edge replication.
     *
     * @param src the image
     * @param region the region in pixels of {@code src}; must have positive width and height
     * @param width output width, {@code > 0}
     * @param height output height, {@code > 0}
     * @return the cut-out
     */
    public static RgbImage cut(RgbImage src, BoundingBox region, int width, int height) {
        checkOutput(width, height);
        if (region.width() <= 0 || region.height() <= 0) {
            throw new IllegalArgumentException("region must have positive size, got " + region);
        }
        double sx = region.width() / width;
        double sy = region.height() / height;
        byte[] in = src.toRgbBytesShared();
        byte[] out = new byte[3 * width * height];
        for (int v = 0; v < height; v++) {
            double y = region.y() + (v + 0.5) * sy - 0.5;
            for (int u = 0; u < width; u++) {
                double x = region.x() + (u + 0.5) * sx - 0.5;
                sample(in, src.width(), src.height(), x, y, out, 3 * (v * width + u));
            }
        }
        return RgbImage.wrap(width, height, out);
    }

    /**
     * Warps the image by a similarity transform: output pixel {@code (u, v)} takes the source
     * colour at {@code srcToDst.inverse()} applied to {@code (u, v)}, sampled bilinearly, with edge
     * replication outside the source.
     *
     * @param src the image
     * @param srcToDst the transform from source pixels to output pixels
     * @param width output width, {@code > 0}
     * @param height output height, {@code > 0}
     * @return the warped image
     */
    public static RgbImage warp(RgbImage src, SimilarityTransform srcToDst, int width, int height) {
        checkOutput(width, height);
        SimilarityTransform inv = srcToDst.inverse();
        byte[] in = src.toRgbBytesShared();
        byte[] out = new byte[3 * width * height];
        for (int v = 0; v < height; v++) {
            for (int u = 0; u < width; u++) {
                double x = inv.applyX(u, v);
                double y = inv.applyY(u, v);
                sample(in, src.width(), src.height(), x, y, out, 3 * (v * width + u));
            }
        }
        return RgbImage.wrap(width, height, out);
    }

    private static void sample(byte[] in, int w, int h, double x, double y, byte[] out, int o) {
        double cx = Math.max(0, Math.min(w - 1, x));
        double cy = Math.max(0, Math.min(h - 1, y));
        int x0 = (int) Math.floor(cx);
        int y0 = (int) Math.floor(cy);
        int x1 = Math.min(x0 + 1, w - 1);
        int y1 = Math.min(y0 + 1, h - 1);
        double fx = cx - x0;
        double fy = cy - y0;
        int i00 = 3 * (y0 * w + x0);
        int i01 = 3 * (y0 * w + x1);
        int i10 = 3 * (y1 * w + x0);
        int i11 = 3 * (y1 * w + x1);
        for (int c = 0; c < 3; c++) {
            double top = (in[i00 + c] & 0xff) * (1 - fx) + (in[i01 + c] & 0xff) * fx;
            double bottom = (in[i10 + c] & 0xff) * (1 - fx) + (in[i11 + c] & 0xff) * fx;
            out[o + c] = (byte) (int) Math.round(top * (1 - fy) + bottom * fy);
        }
    }

    private static void checkOutput(int width, int height) {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException(
                    "output size must be positive, got " + width + "x" + height);
        }
    }
}
