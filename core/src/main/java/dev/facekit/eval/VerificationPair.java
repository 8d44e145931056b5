package dev.facekit.eval;

/**
 * One labelled pair of a pair list: two image paths, whether they show the same person, and the
 * cross-validation fold the list assigns (or {@link #NO_FOLD}).
 *
 * <p>Paths are as written in the list, relative to a root folder the caller chooses, with forward
 * slashes. Immutable and thread-safe.
 *
 * @param fileA path of the first image, relative to the root
 * @param fileB path of the second image, relative to the root
 * @param same whether both images show the same person
 * @param fold the fold given by the list, or {@link #NO_FOLD}
 * @param line the 1-based line of the list the pair came from (0 when built in code)
 */
public record VerificationPair(String fileA, String fileB, boolean same, int fold, int line) {

    /** The fold of a pair whose list assigns none. */
    public static final int NO_FOLD = Integer.MIN_VALUE;

    /** Validates that both paths are present. */
    public VerificationPair {
        if (fileA == null || fileA.isBlank() || fileB == null || fileB.isBlank()) {
            throw new IllegalArgumentException(
                    "pair paths must not be blank, got '" + fileA + "' and '" + fileB + "'");
        }
    }

    /**
     * Returns a pair without a fold, as built in code.
     *
     * @param fileA path of the first image
     * @param fileB path of the second image
     * @param same whether both show the same person
     * @return the pair
     */
    public static VerificationPair of(String fileA, String fileB, boolean same) {
        return new VerificationPair(fileA, fileB, same, NO_FOLD, 0);
    }

    /** Returns whether the list assigned this pair a fold. */
    public boolean hasFold() {
        return fold != NO_FOLD;
    }
}
