package dev.facekit.embed;

import java.util.Arrays;

/**
 * A model's output vector for one face chip, tagged with the model's name.
 *
 * <p>Immutable and thread-safe; the vector is copied in and out. Vectors with NaN or infinite
 * components, and all-zero vectors, are rejected. Comparing embeddings of different models or
 * dimensions throws {@link IllegalArgumentException}. Equality compares model and components.
 */
public final class Embedding {

    private final String model;
    private final float[] vector;
    private final double norm;

    /**
     * Creates an embedding from a copy of {@code vector}.
     *
     * @param model the name of the model that computed it
     * @param vector the components
     * @throws IllegalArgumentException if the model name is blank, the vector is empty, or it holds
     *     NaN, infinite or only zero components
     */
    public Embedding(String model, float[] vector) {
        this(model, vector.clone(), true);
    }

    private Embedding(String model, float[] owned, boolean check) {
        if (model == null || model.isBlank()) {
            throw new IllegalArgumentException("model name must not be blank");
        }
        if (owned.length == 0) {
            throw new IllegalArgumentException("embedding of " + model + " is empty");
        }
        double sum = 0;
        for (int i = 0; i < owned.length; i++) {
            float v = owned[i];
            if (!Float.isFinite(v)) {
                throw new IllegalArgumentException(
                        "embedding of " + model + " has non-finite component " + i + ": " + v);
            }
            sum += (double) v * v;
        }
        if (sum == 0) {
            throw new IllegalArgumentException("embedding of " + model + " is all zeros");
        }
        this.model = model;
        this.vector = owned;
        this.norm = Math.sqrt(sum);
    }

    /** Returns the name of the model that computed this embedding. */
    public String model() {
        return model;
    }

    /** Returns the number of components. */
    public int dimension() {
        return vector.length;
    }

    /** Returns a copy of the components. */
    public float[] vector() {
        return vector.clone();
    }

    /**
     * Returns one component.
     *
     * @param i the index
     * @return the component
     */
    public float get(int i) {
        return vector[i];
    }

    /** Returns the Euclidean (L2) norm. */
    public double norm() {
        return norm;
    }

    /** Returns this embedding scaled to unit L2 norm (itself if already of unit norm). */
    public Embedding normalized() {
        if (Math.abs(norm - 1.0) < 1e-7) {
            return this;
        }
        float[] out = new float[vector.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) (vector[i] / norm);
        }
        return new Embedding(model, out, true);
    }

    /**
     * Returns the dot product.
     *
     * @param other an embedding of the same model and dimension
     * @return the dot product
     * @throws IllegalArgumentException if the models or dimensions differ
     */
    public double dot(Embedding other) {
        requireComparable(other);
        double s = 0;
        for (int i = 0; i < vector.length; i++) {
            s += (double) vector[i] * other.vector[i];
        }
        return s;
    }

    /**
     * Returns the cosine similarity, in [-1, 1]; higher means more alike.
     *
     * @param other an embedding of the same model and dimension
     * @return the cosine similarity
     * @throws IllegalArgumentException if the models or dimensions differ
     */
    public double cosineSimilarity(Embedding other) {
        double c = dot(other) / (norm * other.norm);
        return Math.max(-1.0, Math.min(1.0, c));
    }

    /**
     * Returns the cosine distance {@code 1 - cosineSimilarity}, in [0, 2]; lower means more alike.
     *
     * @param other an embedding of the same model and dimension
     * @return the cosine distance
     * @throws IllegalArgumentException if the models or dimensions differ
     */
    public double cosineDistance(Embedding other) {
        return 1.0 - cosineSimilarity(other);
    }

    /**
     * Returns the Euclidean distance between the raw (not normalised) vectors.
     *
     * @param other an embedding of the same model and dimension
     * @return the Euclidean distance
     * @throws IllegalArgumentException if the models or dimensions differ
     */
    public double euclideanDistance(Embedding other) {
        requireComparable(other);
        double s = 0;
        for (int i = 0; i < vector.length; i++) {
            double d = vector[i] - other.vector[i];
            s += d * d;
        }
        return Math.sqrt(s);
    }

    /**
     * Throws unless the other embedding comes from the same model and has the same dimension.
     *
     * @param other the other embedding
     * @throws IllegalArgumentException if the models or dimensions differ
     */
    public void requireComparable(Embedding other) {
        if (!model.equals(other.model)) {
            throw new IllegalArgumentException(
                    "cannot compare embeddings of different models: "
                            + model
                            + " vs "
                            + other.model);
        }
        if (vector.length != other.vector.length) {
            throw new IllegalArgumentException(
                    "cannot compare embeddings of different dimensions: "
                            + vector.length
                            + " vs "
                            + other.vector.length);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Embedding e && model.equals(e.model) && Arrays.equals(vector, e.vector);
    }

    @Override
    public int hashCode() {
        return 31 * model.hashCode() + Arrays.hashCode(vector);
    }

    @Override
    public String toString() {
        return "Embedding[" + model + ", " + vector.length + "-d]";
    }
}
