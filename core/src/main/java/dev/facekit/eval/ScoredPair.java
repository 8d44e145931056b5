package dev.facekit.eval;

/**
 * One evaluated pair: its label, its fold, and the distance between the two faces, or no distance
 * when a face was missing in either image.
 *
 * <p>Immutable and thread-safe.
 *
 * @param same whether the two images show the same person
 * @param distance the distance (lower means more alike), or {@code NaN} when the pair is missing
 * @param fold the pair list's fold, or {@link VerificationPair#NO_FOLD}
 */
public record ScoredPair(boolean same, double distance, int fold) {

    /** Validates that the distance is finite or NaN (missing). */
    public ScoredPair {
        if (Double.isInfinite(distance)) {
            throw new IllegalArgumentException("distance must be finite or NaN, got " + distance);
        }
    }

    /**
     * Returns a pair with a distance and no fold.
     *
     * @param same whether the images show the same person
     * @param distance the distance, finite
     * @return the pair
     */
    public static ScoredPair of(boolean same, double distance) {
        if (Double.isNaN(distance)) {
            throw new IllegalArgumentException("distance must be finite, got NaN");
        }
        return new ScoredPair(same, distance, VerificationPair.NO_FOLD);
    }

    /**
     * Returns a pair where a face was not found, with no fold.
     *
     * @param same whether the images show the same person
     * @return the missing pair
     */
    public static ScoredPair missing(boolean same) {
        return new ScoredPair(same, Double.NaN, VerificationPair.NO_FOLD);
    }

    /**
     * Returns this pair with a fold.
     *
     * @param newFold the fold
     * @return the pair with that fold
     */
    public ScoredPair withFold(int newFold) {
        return new ScoredPair(same, distance, newFold);
    }

    /** Returns whether a face was missing, so that the pair has no distance. */
    public boolean isMissing() {
        return Double.isNaN(distance);
    }
}
