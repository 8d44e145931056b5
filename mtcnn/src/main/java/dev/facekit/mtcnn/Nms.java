package dev.facekit.mtcnn;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Greedy non-maximum suppression: visit candidates from the highest score down, keep one, drop
 * every remaining candidate that overlaps it by more than the threshold.
 */
final class Nms {

    private Nms() {}

    /**
     * Suppression by intersection over union with areas {@code (x2 - x1) * (y2 - y1)}; a candidate
     * is dropped when its IoU with a kept one exceeds {@code threshold}.
     *
     * @param in the candidates, any order
     * @param threshold the IoU above which a lower-scored candidate is dropped
     * @return the kept candidates, highest score first
     */
    static List<Candidate> union(List<Candidate> in, float threshold) {
        return run(in, threshold, false);
    }

    /**
     * Suppression by intersection over the smaller area, with inclusive areas {@code (x2 - x1 + 1)
     * * (y2 - y1 + 1)}; a candidate is dropped when the overlap exceeds {@code threshold}.
     *
     * @param in the candidates, any order
     * @param threshold the overlap above which a lower-scored candidate is dropped
     * @return the kept candidates, highest score first
     */
    static List<Candidate> min(List<Candidate> in, float threshold) {
        return run(in, threshold, true);
    }

    private static List<Candidate> run(List<Candidate> in, float threshold, boolean min) {
        int n = in.size();
        Candidate[] c = in.toArray(new Candidate[0]);
        Arrays.sort(c, BY_SCORE_DESCENDING);

        // Corners and areas in flat arrays: the inner loop touches no objects.
        float one = min ? 1f : 0f;
        float[] x1 = new float[n];
        float[] y1 = new float[n];
        float[] x2 = new float[n];
        float[] y2 = new float[n];
        float[] area = new float[n];
        for (int i = 0; i < n; i++) {
            x1[i] = c[i].x1;
            y1[i] = c[i].y1;
            x2[i] = c[i].x2;
            y2[i] = c[i].y2;
            area[i] = (x2[i] - x1[i] + one) * (y2[i] - y1[i] + one);
        }

        boolean[] dropped = new boolean[n];
        List<Candidate> kept = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (dropped[i]) {
                continue;
            }
            kept.add(c[i]);
            float ax1 = x1[i];
            float ay1 = y1[i];
            float ax2 = x2[i];
            float ay2 = y2[i];
            float aa = area[i];
            for (int j = i + 1; j < n; j++) {
                if (dropped[j]) {
                    continue;
                }
                float w = Math.max(0f, Math.min(ax2, x2[j]) - Math.max(ax1, x1[j]) + one);
                float h = Math.max(0f, Math.min(ay2, y2[j]) - Math.max(ay1, y1[j]) + one);
                float inter = w * h;
                float overlap =
                        min ? inter / Math.min(aa, area[j]) : inter / (aa + area[j] - inter);
                // "min" keeps only overlap <= threshold, so it also drops NaN overlaps of
                // degenerate boxes; "union" drops only overlap > threshold.
                if (min ? !(overlap <= threshold) : overlap > threshold) {
                    dropped[j] = true;
                }
            }
        }
        return kept;
    }

    private static final Comparator<Candidate> BY_SCORE_DESCENDING =
            (a, b) -> Float.compare(b.score, a.score);
}
