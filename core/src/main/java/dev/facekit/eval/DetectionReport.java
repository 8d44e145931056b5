package dev.facekit.eval;

import java.util.List;

/**
 * The result of comparing detections with ground-truth boxes at one IoU threshold. Definitions in
 * {@code core/EVALUATION.md}.
 *
 * @param iouThreshold the IoU a detection needs with a ground-truth box to match it
 * @param images the number of images evaluated
 * @param groundTruth the number of ground-truth boxes
 * @param detections the number of detections
 * @param truePositives detections that matched a ground-truth box
 * @param precision {@code truePositives / detections} (0 when there are no detections)
 * @param recall {@code truePositives / groundTruth}
 * @param averagePrecision the all-point interpolated area under the precision-recall curve
 * @param misses ground-truth boxes no detection matched, in annotation order
 * @param falsePositives detections that matched no ground-truth box, by descending confidence
 */
public record DetectionReport(
        double iouThreshold,
        int images,
        int groundTruth,
        int detections,
        int truePositives,
        double precision,
        double recall,
        double averagePrecision,
        List<BoxMiss> misses,
        List<BoxMiss> falsePositives) {

    /** Copies the lists. */
    public DetectionReport {
        misses = List.copyOf(misses);
        falsePositives = List.copyOf(falsePositives);
    }
}
