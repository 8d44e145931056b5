package dev.facekit.eval;

import dev.facekit.geometry.BoundingBox;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Compares detections with ground-truth boxes: precision, recall and average precision at an IoU
 * threshold, and the list of missed boxes.
 *
 * <p>Matching is greedy by confidence, per image: detections are taken in order of descending
 * confidence (ties in the given order), and each one matches the still unmatched ground-truth box
 * of its image with the highest IoU, if that IoU is at least the threshold; otherwise it is a false
 * positive. A detection in an image without annotations is a false positive, so pass detections for
 * the annotated images only when the annotations do not cover every face.
 *
 * <p>Average precision is the all-point interpolated area under the precision-recall curve: the
 * detections of all images are ranked by confidence, precision and recall are taken after each
 * group of equal confidence, and {@code AP = sum (r_i - r_(i-1)) * max(p_j for j >= i)} with {@code
 * r_0 = 0}. It is 0 when there are no detections.
 *
 * <p>Stateless and thread-safe.
 */
public final class DetectionEvaluator {

    /** The IoU threshold of PASCAL VOC and of {@code facekit eval detect}. */
    public static final double DEFAULT_IOU = 0.5;

    private DetectionEvaluator() {}

    /**
     * Evaluates detections at IoU {@value #DEFAULT_IOU}.
     *
     * @param truth the ground-truth boxes, at least one
     * @param detections the detections, in any order
     * @return the report
     * @throws IllegalArgumentException if there is no ground-truth box
     */
    public static DetectionReport evaluate(BoxAnnotations truth, List<Detection> detections) {
        return evaluate(truth, detections, DEFAULT_IOU);
    }

    /**
     * Evaluates detections at a given IoU threshold.
     *
     * @param truth the ground-truth boxes, at least one
     * @param detections the detections, in any order
     * @param iouThreshold the IoU a match needs, in (0, 1]
     * @return the report
     * @throws IllegalArgumentException if there is no ground-truth box or the threshold is outside
     *     (0, 1]
     */
    public static DetectionReport evaluate(
            BoxAnnotations truth, List<Detection> detections, double iouThreshold) {
        if (!(iouThreshold > 0 && iouThreshold <= 1)) {
            throw new IllegalArgumentException(
                    "IoU threshold must be in (0, 1], got " + iouThreshold);
        }
        int groundTruth = truth.size();
        if (groundTruth == 0) {
            throw new IllegalArgumentException("no ground-truth boxes to evaluate against");
        }

        // Greedy matching in order of descending confidence (stable for ties)
        List<Detection> ranked = new ArrayList<>(detections);
        ranked.sort(Comparator.comparingDouble(Detection::confidence).reversed());
        Matching m = match(truth, ranked, iouThreshold);

        // Totals, the ranked curve, and the boxes nobody matched
        int tp = ranked.size() - m.falsePositives().size();
        double precision = ranked.isEmpty() ? 0 : tp / (double) ranked.size();
        double ap = averagePrecision(ranked, m.hit(), groundTruth);
        List<BoxMiss> misses = misses(truth, m.taken(), detections);
        Set<String> images = new LinkedHashSet<>(truth.boxes().keySet());
        detections.forEach(d -> images.add(d.file()));
        return new DetectionReport(
                iouThreshold,
                images.size(),
                groundTruth,
                ranked.size(),
                tp,
                precision,
                tp / (double) groundTruth,
                ap,
                misses,
                m.falsePositives());
    }

    /** Which ranked detections hit, which truth boxes are taken, and the unmatched detections. */
    private record Matching(
            boolean[] hit, Map<String, boolean[]> taken, List<BoxMiss> falsePositives) {}

    private static Matching match(BoxAnnotations truth, List<Detection> ranked, double iou) {
        Map<String, boolean[]> taken = new HashMap<>();
        truth.boxes().forEach((file, boxes) -> taken.put(file, new boolean[boxes.size()]));
        boolean[] hit = new boolean[ranked.size()];
        List<BoxMiss> falsePositives = new ArrayList<>();
        for (int i = 0; i < ranked.size(); i++) {
            Detection d = ranked.get(i);
            List<BoundingBox> boxes = truth.boxes().getOrDefault(d.file(), List.of());
            int g = bestUnmatched(d.box(), boxes, taken.get(d.file()), iou);
            hit[i] = g >= 0;
            if (hit[i]) {
                taken.get(d.file())[g] = true;
            } else {
                falsePositives.add(new BoxMiss(d.file(), d.box(), bestIou(d.box(), boxes)));
            }
        }
        return new Matching(hit, taken, falsePositives);
    }

    private static int bestUnmatched(
            BoundingBox box, List<BoundingBox> boxes, boolean[] taken, double threshold) {
        int best = -1;
        double bestIou = -1;
        for (int g = 0; g < boxes.size(); g++) {
            double iou = box.iou(boxes.get(g));
            if (!taken[g] && iou >= threshold && iou > bestIou) {
                best = g;
                bestIou = iou;
            }
        }
        return best;
    }

    private static double bestIou(BoundingBox box, List<BoundingBox> others) {
        double best = 0;
        for (BoundingBox o : others) {
            best = Math.max(best, box.iou(o));
        }
        return best;
    }

    /** All-point interpolated AP; precision and recall are taken after each confidence group. */
    static double averagePrecision(List<Detection> ranked, boolean[] hit, int groundTruth) {
        List<double[]> curve = new ArrayList<>(); // {recall, precision}
        int tp = 0;
        for (int i = 0; i < ranked.size(); i++) {
            tp += hit[i] ? 1 : 0;
            boolean groupEnds =
                    i + 1 == ranked.size()
                            || ranked.get(i + 1).confidence() != ranked.get(i).confidence();
            if (groupEnds) {
                curve.add(new double[] {tp / (double) groundTruth, tp / (double) (i + 1)});
            }
        }

        // Best precision at each recall or beyond (a backward running maximum), times the steps
        double[] best = new double[curve.size()];
        double max = 0;
        for (int i = curve.size() - 1; i >= 0; i--) {
            max = Math.max(max, curve.get(i)[1]);
            best[i] = max;
        }
        double ap = 0;
        double previousRecall = 0;
        for (int i = 0; i < curve.size(); i++) {
            ap += (curve.get(i)[0] - previousRecall) * best[i];
            previousRecall = curve.get(i)[0];
        }
        return ap;
    }

    private static List<BoxMiss> misses(
            BoxAnnotations truth, Map<String, boolean[]> taken, List<Detection> detections) {
        List<BoxMiss> misses = new ArrayList<>();
        truth.boxes()
                .forEach(
                        (file, boxes) -> {
                            List<BoundingBox> found = new ArrayList<>();
                            detections.stream()
                                    .filter(d -> d.file().equals(file))
                                    .forEach(d -> found.add(d.box()));
                            for (int g = 0; g < boxes.size(); g++) {
                                if (!taken.get(file)[g]) {
                                    BoundingBox b = boxes.get(g);
                                    misses.add(new BoxMiss(file, b, bestIou(b, found)));
                                }
                            }
                        });
        return misses;
    }
}
