package dev.facekit.embed;

/**
 * A distance between embeddings; lower always means more alike.
 *
 * <p>Thread-safe.
 */
public enum Metric {
    /** {@code 1 - cosine similarity}, in [0, 2]. Insensitive to the vectors' lengths. */
    COSINE {
        @Override
        public double distance(Embedding a, Embedding b) {
            return a.cosineDistance(b);
        }
    },
    /** The Euclidean distance between the raw vectors, as the model outputs them. */
    EUCLIDEAN {
        @Override
        public double distance(Embedding a, Embedding b) {
            return a.euclideanDistance(b);
        }
    };

    /**
     * Returns the distance between two embeddings of the same model.
     *
     * @param a one embedding
     * @param b the other
     * @return the distance, {@code >= 0}; lower means more alike
     * @throws IllegalArgumentException if the models or dimensions differ
     */
    public abstract double distance(Embedding a, Embedding b);
}
