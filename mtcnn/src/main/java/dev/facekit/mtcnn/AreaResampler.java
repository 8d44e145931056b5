package dev.facekit.mtcnn;

import dev.facekit.image.RgbImage;
import java.nio.ByteBuffer;

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
        this(ByteBuffer.wrap(rgb), width, height);
    }

    /**
     * Builds the summed-area table of an image, reading its pixels without copying them.
     *
     * @param image the image
     */
    AreaResampler(RgbImage image) {
        this(image.rgbBuffer(), image.width(), image.height());
    }

    private AreaResampler(ByteBuffer rgb, int width, int height) {
        this.width = width;
        this.height = height;
        int rowLen = 3 * (width + 1);
        long size = (long) rowLen * (height + 1);
        if (size > Integer.MAX_VALUE - 8) {
            // TODO: a banded table would lift this limit (about 700 million pixels).
            throw new IllegalArgumentException(
                    "image " + width + "x" + height + " is too large for MTCNN's resampling");
        }
        int n = 3 * width;
        int[] t = new int[(int) size];
        byte[] row = new byte[n];
        int[] prefix = new int[n];
        for (int y = 0; y < height; y++) {
            rgb.get(y * n, row);
            // The row's running sums per channel, then the table row: the row above plus them
            // (a plain loop over two arrays, which the JIT vectorises).
            int r = 0;
            int g = 0;
            int b = 0;
            for (int k = 0; k < n; k += 3) {
                r += row[k] & 0xff;
                g += row[k + 1] & 0xff;
                b += row[k + 2] & 0xff;
                prefix[k] = r;
                prefix[k + 1] = g;
                prefix[k + 2] = b;
            }
            int above = y * rowLen + 3;
            int here = (y + 1) * rowLen + 3;
            for (int k = 0; k < n; k++) {
                t[here + k] = t[above + k] + prefix[k];
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
        Plan plan = plan(x0, y0, w, h, outW, outH);
        for (int i = 0, dst = offset; i < outH; i++, dst += 3 * outW) {
            plan.row(i, out, dst);
        }
    }

    /**
     * Returns the plan of one resampling of the region {@code [x0, x0 + w) x [y0, y0 + h)} to
     * {@code outW x outH}: its column windows computed once, for writing the output row by row.
     *
     * @throws IllegalArgumentException if the region is not inside the image or a size is below 1
     */
    Plan plan(int x0, int y0, int w, int h, int outW, int outH) {
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
        if (outW < 1 || outH < 1) {
            throw new IllegalArgumentException("output " + outW + "x" + outH + " is empty");
        }
        return new Plan(x0, y0, w, h, outW, outH);
    }

    /** One resampling's windows; writes one output row at a time. Thread-confined. */
    final class Plan {
        private final int y0;
        private final int h;
        private final int outW;
        private final int outH;
        private final int[] colA;
        private final int[] colB;
        private final float[] colInv;

        private Plan(int x0, int y0, int w, int h, int outW, int outH) {
            this.y0 = y0;
            this.h = h;
            this.outW = outW;
            this.outH = outH;
            colA = new int[outW];
            colB = new int[outW];
            colInv = new float[outW];
            for (int j = 0; j < outW; j++) {
                int s = start(j, w, outW);
                int e = end(j, w, outW);
                colA[j] = 3 * (x0 + s);
                colB[j] = 3 * (x0 + e);
                colInv[j] = 1f / (e - s);
            }
        }

        /**
         * Writes output row {@code i} ({@code 3 * outW} floats) into {@code out} at {@code dst}.
         */
        void row(int i, float[] out, int dst) {
            if (i < 0 || i >= outH) {
                throw new IllegalArgumentException("row " + i + " outside [0, " + outH + ")");
            }
            int rowLen = 3 * (width + 1);
            int s = start(i, h, outH);
            int e = end(i, h, outH);
            int top = (y0 + s) * rowLen;
            int bottom = (y0 + e) * rowLen;
            float rowInv = 1f / (e - s);
            int[] t = table;
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
