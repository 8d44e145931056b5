package dev.facekit.embed;

/**
 * A decision boundary: two faces are the same person when their {@link #metric()} distance is at
 * most {@link #distance()}.
 *
 * @param metric the metric the boundary applies to
 * @param distance the largest distance still called a match
 * @param source where the value came from, for example "calibrated at FAR 1e-3 on LFW dev pairs"
 */
public record Threshold(Metric metric, double distance, String source) {

    /** Validates the fields. */
    public Threshold {
        if (metric == null) {
            throw new IllegalArgumentException("metric must not be null");
        }
        if (!(distance >= 0) || !Double.isFinite(distance)) {
            throw new IllegalArgumentException(
                    "threshold distance must be finite and >= 0, got " + distance);
        }
        if (source == null || source.isBlank()) {
            throw new IllegalArgumentException("threshold source must not be blank");
        }
    }

    /**
     * Returns whether the two embeddings are a match under this threshold.
     *
     * @param a one embedding
     * @param b the other
     * @return {@code metric().distance(a, b) <= distance()}
     */
    public boolean matches(Embedding a, Embedding b) {
        return metric.distance(a, b) <= distance;
    }
}
