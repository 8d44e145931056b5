package dev.facekit.eval;

/**
 * A threshold and the accuracy it gives: the share of all pairs (missing ones included, as wrong)
 * decided correctly when pairs at a distance {@code <= threshold} are called "same".
 *
 * @param threshold the distance threshold
 * @param accuracy the accuracy, in [0, 1]
 */
public record ThresholdAccuracy(double threshold, double accuracy) {}
