package dev.facekit.match;

import dev.facekit.embed.Metric;
import dev.facekit.embed.Threshold;

/**
 * One identity of a gallery scored against a query embedding: the score of the identity is its best
 * match over all of its embeddings (the smallest distance). Immutable.
 *
 * @param identity the identity's name
 * @param metric the metric of {@code distance}
 * @param distance the smallest {@code metric} distance over the identity's embeddings; lower is
 *     more alike
 * @param similarity the cosine similarity, in [-1, 1], to the same embedding that gave {@code
 *     distance}; higher is more alike
 */
public record Candidate(String identity, Metric metric, double distance, double similarity) {

    /** Validates the fields. */
    public Candidate {
        if (identity == null || metric == null) {
            throw new IllegalArgumentException("identity and metric must not be null");
        }
    }

    /**
     * Returns whether this candidate is close enough to be called the same person.
     *
     * @param threshold a threshold of the same metric
     * @return {@code distance() <= threshold.distance()}
     * @throws IllegalArgumentException if the threshold's metric differs
     */
    public boolean matches(Threshold threshold) {
        if (threshold.metric() != metric) {
            throw new IllegalArgumentException(
                    "threshold metric " + threshold.metric() + " differs from " + metric);
        }
        return distance <= threshold.distance();
    }
}
