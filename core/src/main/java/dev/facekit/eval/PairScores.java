package dev.facekit.eval;

import java.util.List;

/**
 * The outcome of scoring a pair list: the metrics' input, and which pairs were missing and why.
 *
 * @param pairs the pair list that was scored
 * @param scores one scored pair per listed pair, in list order, with the list's folds
 * @param missing the pairs without a distance, in list order
 */
public record PairScores(PairList pairs, VerificationScores scores, List<MissingPair> missing) {

    /** Copies the list of missing pairs. */
    public PairScores {
        missing = List.copyOf(missing);
    }
}
