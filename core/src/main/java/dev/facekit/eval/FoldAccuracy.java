package dev.facekit.eval;

import java.util.List;

/**
 * The result of k-fold cross-validation of the accuracy: for each fold, the best threshold on the
 * other folds and the accuracy it gives on this fold.
 *
 * @param folds the number of folds
 * @param mean the mean of the per-fold accuracies
 * @param std the population standard deviation (divided by {@code folds}) of the per-fold
 *     accuracies
 * @param accuracies the accuracy on each fold, in fold order
 * @param thresholds the threshold chosen for each fold, in fold order
 */
public record FoldAccuracy(
        int folds, double mean, double std, List<Double> accuracies, List<Double> thresholds) {

    /** Copies the lists. */
    public FoldAccuracy {
        accuracies = List.copyOf(accuracies);
        thresholds = List.copyOf(thresholds);
    }
}
