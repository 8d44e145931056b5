package dev.facekit.match;

import dev.facekit.embed.Embedding;
import dev.facekit.embed.Metric;
import dev.facekit.embed.Threshold;

/**
 * The comparison of two embeddings under a threshold. Immutable.
 *
 * @param threshold the decision boundary used; its metric is the metric of {@code distance}
 * @param distance the {@code threshold.metric()} distance, lower is more alike
 * @param similarity the cosine similarity of the raw vectors, in [-1, 1], higher is more alike; for
 *     {@code COSINE} it is exactly {@code 1 - distance}
 */
public record Comparison(Threshold threshold, double distance, double similarity) {

    /** Validates the fields. */
    public Comparison {
        if (threshold == null) {
            throw new IllegalArgumentException("threshold must not be null");
        }
    }

    /**
     * Compares two embeddings.
     *
     * @param a one embedding
     * @param b the other, of the same model and dimension
     * @param threshold the decision boundary
     * @return the comparison
     * @throws IllegalArgumentException if the models or dimensions differ
     */
    public static Comparison of(Embedding a, Embedding b, Threshold threshold) {
        double distance = threshold.metric().distance(a, b);
        return new Comparison(threshold, distance, a.cosineSimilarity(b));
    }

    /** Returns the metric of {@link #distance()}. */
    public Metric metric() {
        return threshold.metric();
    }

    /** Returns the decision: {@code distance() <= threshold().distance()}. */
    public boolean match() {
        return distance <= threshold.distance();
    }
}
