package dev.facekit.eval;

import dev.facekit.embed.Metric;
import dev.facekit.embed.Threshold;

/**
 * The summary of a verification evaluation, with exactly the fields of {@code facekit eval verify
 * --json}. Rates and accuracies are fractions in [0, 1]; thresholds are distances of {@link
 * #metric()}. Serialises with Jackson as one object with these field names, in this order.
 *
 * @param pairs the number of pairs, missing ones included
 * @param missing pairs where a face was not found in either image (wrong in every accuracy)
 * @param metric the distance metric
 * @param threshold the threshold the accuracy was measured at (usually the model's)
 * @param accuracy the accuracy at {@code threshold}
 * @param bestThreshold the threshold with the highest accuracy on these pairs
 * @param bestAccuracy the accuracy at {@code bestThreshold}
 * @param folds the number of cross-validation folds
 * @param foldAccuracy the mean k-fold accuracy, thresholds chosen on the other folds
 * @param foldAccuracyStd the population standard deviation of the per-fold accuracies
 * @param auc the area under the ROC curve (missing pairs left out)
 * @param eer the equal error rate (missing pairs left out)
 * @param tarAtFar1e2 the largest TAR with FAR {@code <= 1e-2} (missing pairs left out)
 * @param tarAtFar1e3 the largest TAR with FAR {@code <= 1e-3} (missing pairs left out)
 */
public record VerificationReport(
        int pairs,
        int missing,
        Metric metric,
        double threshold,
        double accuracy,
        double bestThreshold,
        double bestAccuracy,
        int folds,
        double foldAccuracy,
        double foldAccuracyStd,
        double auc,
        double eer,
        double tarAtFar1e2,
        double tarAtFar1e3) {

    /**
     * Computes every field from scored pairs.
     *
     * @param scores the scored pairs
     * @param threshold the threshold to report the accuracy at; its metric must be the scores'
     * @param folds the number of folds for {@link VerificationScores#kFold(int)}
     * @return the report
     * @throws IllegalArgumentException if the metrics differ, or a metric is undefined on these
     *     pairs (see {@link VerificationScores})
     */
    public static VerificationReport of(VerificationScores scores, Threshold threshold, int folds) {
        if (threshold.metric() != scores.metric()) {
            throw new IllegalArgumentException(
                    "threshold is for "
                            + threshold.metric()
                            + " but the distances are "
                            + scores.metric());
        }
        ThresholdAccuracy best = scores.bestThreshold();
        FoldAccuracy kFold = scores.kFold(folds);
        return new VerificationReport(
                scores.size(),
                scores.missing(),
                scores.metric(),
                threshold.distance(),
                scores.accuracy(threshold.distance()),
                best.threshold(),
                best.accuracy(),
                folds,
                kFold.mean(),
                kFold.std(),
                scores.auc(),
                scores.eer(),
                scores.tarAtFar(1e-2).tar(),
                scores.tarAtFar(1e-3).tar());
    }
}
