package dev.facekit.eval;

/**
 * One point of a ROC curve: a threshold and the rates it gives on the pairs that have a distance.
 * Pairs at a distance {@code <= threshold} are accepted as "same".
 *
 * @param threshold the distance threshold
 * @param far false accept rate: accepted different pairs / different pairs, in [0, 1]
 * @param tar true accept rate: accepted same pairs / same pairs, in [0, 1]
 */
public record OperatingPoint(double threshold, double far, double tar) {}
