package dev.facekit.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

/** Pixel-by-pixel assertions with a report of the first differences. */
final class Pixels {

    private Pixels() {}

    /** Asserts that two images have the same size and every channel differs by at most tol. */
    static void assertClose(RgbImage actual, RgbImage expected, int tol) {
        assertClose(actual, expected, tol, 0);
    }

    /**
     * Asserts closeness everywhere except within {@code margin} pixels of a colour edge of the
     * expected image (where lossy codecs blur), measured along rows and columns.
     */
    static void assertClose(RgbImage actual, RgbImage expected, int tol, int margin) {
        assertThat(actual.width()).as("width").isEqualTo(expected.width());
        assertThat(actual.height()).as("height").isEqualTo(expected.height());
        List<String> bad = new ArrayList<>();
        int checked = 0;
        for (int y = 0; y < expected.height(); y++) {
            for (int x = 0; x < expected.width(); x++) {
                if (nearEdge(expected, x, y, margin)) {
                    continue;
                }
                checked++;
                int d = maxChannelDifference(actual.rgb(x, y), expected.rgb(x, y));
                if (d > tol && bad.size() < 10) {
                    bad.add(
                            String.format(
                                    "(%d,%d) got %06X expected %06X",
                                    x, y, actual.rgb(x, y), expected.rgb(x, y)));
                }
            }
        }
        assertThat(bad).as("pixels off by more than " + tol).isEmpty();
        assertThat(checked).as("pixels compared").isGreaterThan(expected.width());
    }

    /** Returns the largest channel difference between two images of the same size. */
    static int maxDifference(RgbImage a, RgbImage b) {
        int max = 0;
        for (int y = 0; y < a.height(); y++) {
            for (int x = 0; x < a.width(); x++) {
                max = Math.max(max, maxChannelDifference(a.rgb(x, y), b.rgb(x, y)));
            }
        }
        return max;
    }

    static int maxChannelDifference(int p, int q) {
        int d = 0;
        for (int shift = 0; shift <= 16; shift += 8) {
            d = Math.max(d, Math.abs((p >> shift & 0xFF) - (q >> shift & 0xFF)));
        }
        return d;
    }

    /**
     * A pixel is near an edge if a quadrant boundary of the probe-like image lies within margin.
     */
    private static boolean nearEdge(RgbImage img, int x, int y, int margin) {
        if (margin == 0) {
            return false;
        }
        int c = img.rgb(x, y);
        for (int d = -margin; d <= margin; d++) {
            if (differs(img, x + d, y, c) || differs(img, x, y + d, c)) {
                return true;
            }
        }
        return false;
    }

    /** Whether a neighbour is a different flat colour (gradient steps of 4 do not count). */
    private static boolean differs(RgbImage img, int x, int y, int c) {
        if (x < 0 || y < 0 || x >= img.width() || y >= img.height()) {
            return false;
        }
        return maxChannelDifference(img.rgb(x, y), c) > 4 * 4;
    }
}
