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
        Arrays.sort(c, Comparator.comparingDouble((Candidate k) -> k.score).reversed());
        float one = min ? 1f : 0f;
        float[] area = new float[n];
        for (int i = 0; i < n; i++) {
            area[i] = (c[i].x2 - c[i].x1 + one) * (c[i].y2 - c[i].y1 + one);
        }
        boolean[] dropped = new boolean[n];
        List<Candidate> kept = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (dropped[i]) {
                continue;
            }
            Candidate a = c[i];
            kept.add(a);
            for (int j = i + 1; j < n; j++) {
                if (dropped[j]) {
                    continue;
                }
                Candidate b = c[j];
                float w = Math.max(0f, Math.min(a.x2, b.x2) - Math.max(a.x1, b.x1) + one);
                float h = Math.max(0f, Math.min(a.y2, b.y2) - Math.max(a.y1, b.y1) + one);
                float inter = w * h;
                float overlap =
                        min
                                ? inter / Math.min(area[i], area[j])
                                : inter / (area[i] + area[j] - inter);
                // "min" keeps only overlap <= threshold, so it also drops NaN overlaps of
                // degenerate boxes; "union" drops only overlap > threshold.
                if (min ? !(overlap <= threshold) : overlap > threshold) {
                    dropped[j] = true;
                }
            }
        }
        return kept;
    }
}
