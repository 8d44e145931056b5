package dev.facekit.mtcnn;

/**
 * Area (box-filter) resampling of an 8-bit RGB image to float RGB, the way adaptive average pooling
 * defines it: output pixel {@code (i, j)} of an {@code outW x outH} resampling of a {@code w x h}
 * region is the plain mean of the region's pixels in rows {@code [floor(i * h / outH), ceil((i + 1)
 * * h / outH))} and columns {@code [floor(j * w / outW), ceil((j + 1) * w / outW))}. This both
 * shrinks and enlarges; windows overlap when the ratio is not an integer.
 *
 * <p>One instance holds the summed-area table of one image, built once, so that every pyramid level
 * and every crop costs four look-ups per output value whatever the window size. Sums are exact: the
 * table is kept in {@code int} arithmetic, whose wrap-around cancels in the four-term difference as
 * long as a window's true sum fits (any window under 8 million pixels). Immutable after
 * construction and thread-safe.
 */
final class AreaResampler {

    private final int width;
    private final int height;
    private final int[] table;

    /**
     * Builds the summed-area table of an image.
     *
     * @param rgb the pixels, row by row, {@code R, G, B}
     * @param width the width in pixels
     * @param height the height in pixels
     */
    AreaResampler(byte[] rgb, int width, int height) {
        this.width = width;
        this.height = height;
        int rowLen = 3 * (width + 1);
        long size = (long) rowLen * (height + 1);
        if (size > Integer.MAX_VALUE - 8) {
            // TODO: a banded table would lift this limit (about 700 million pixels).
            throw new IllegalArgumentException(
                    "image " + width + "x" + height + " is too large for MTCNN's resampling");
        }
        int[] t = new int[(int) size];
        for (int y = 0; y < height; y++) {
            int src = 3 * y * width;
            int above = y * rowLen + 3;
            int here = (y + 1) * rowLen + 3;
            int r = 0;
            int g = 0;
            int b = 0;
            for (int x = 0; x < width; x++, src += 3, above += 3, here += 3) {
                r += rgb[src] & 0xff;
                g += rgb[src + 1] & 0xff;
                b += rgb[src + 2] & 0xff;
                t[here] = t[above] + r;
                t[here + 1] = t[above + 1] + g;
                t[here + 2] = t[above + 2] + b;
            }
        }
        this.table = t;
    }

    /**
     * Resamples the region {@code [x0, x0 + w) x [y0, y0 + h)} into {@code out} at {@code offset},
     * as {@code outH x outW x 3} floats in [0, 255], row by row.
     *
     * @param x0 region left column, {@code >= 0}
     * @param y0 region top row, {@code >= 0}
     * @param w region width, {@code >= 1}; the region must lie inside the image
     * @param h region height, {@code >= 1}
     * @param outW output width, {@code >= 1}
     * @param outH output height, {@code >= 1}
     * @param out the destination
     * @param offset where in {@code out} the output starts
     */
    void resample(int x0, int y0, int w, int h, int outW, int outH, float[] out, int offset) {
        resampleRows(x0, y0, w, h, outW, outH, 0, outH, out, offset);
    }

    /**
     * Like {@link #resample}, but writes only output rows {@code [rowFrom, rowTo)}, starting at
     * {@code offset}: for cutting a large pyramid level into bands without holding all of it.
     */
    void resampleRows(
            int x0,
            int y0,
            int w,
            int h,
            int outW,
            int outH,
            int rowFrom,
            int rowTo,
            float[] out,
            int offset) {
        if (rowFrom < 0 || rowTo > outH || rowFrom > rowTo) {
            throw new IllegalArgumentException(
                    "rows [" + rowFrom + ", " + rowTo + ") outside [0, " + outH + ")");
        }
        if (x0 < 0 || y0 < 0 || w < 1 || h < 1 || x0 + w > width || y0 + h > height) {
            throw new IllegalArgumentException(
                    "region "
                            + x0
                            + ","
                            + y0
                            + " "
                            + w
                            + "x"
                            + h
                            + " outside "
                            + width
                            + "x"
                            + height);
        }
        int rowLen = 3 * (width + 1);
        int[] colA = new int[outW];
        int[] colB = new int[outW];
        float[] colInv = new float[outW];
        for (int j = 0; j < outW; j++) {
            int s = start(j, w, outW);
            int e = end(j, w, outW);
            colA[j] = 3 * (x0 + s);
            colB[j] = 3 * (x0 + e);
            colInv[j] = 1f / (e - s);
        }
        int[] t = table;
        int dst = offset;
        for (int i = rowFrom; i < rowTo; i++) {
            int s = start(i, h, outH);
            int e = end(i, h, outH);
            int top = (y0 + s) * rowLen;
            int bottom = (y0 + e) * rowLen;
            float rowInv = 1f / (e - s);
            for (int j = 0; j < outW; j++) {
                int a = top + colA[j];
                int b = top + colB[j];
                int c = bottom + colA[j];
                int d = bottom + colB[j];
                // Multiplying by reciprocals instead of dividing: within 2 ulp of sum / count.
                float inv = rowInv * colInv[j];
                out[dst] = (t[d] - t[c] - t[b] + t[a]) * inv;
                out[dst + 1] = (t[d + 1] - t[c + 1] - t[b + 1] + t[a + 1]) * inv;
                out[dst + 2] = (t[d + 2] - t[c + 2] - t[b + 2] + t[a + 2]) * inv;
                dst += 3;
            }
        }
    }

    private static int start(int i, int len, int n) {
        return (int) ((long) i * len / n);
    }

    private static int end(int i, int len, int n) {
        return (int) (((long) (i + 1) * len + n - 1) / n);
    }
}
