package dev.facekit.vggface;

/**
 * One class of a classifier head and the probability the model gives it.
 *
 * @param label the class label from the model's labels file, or the class index as text when the
 *     model has no labels
 * @param index the class index, {@code >= 0}
 * @param probability the model's probability for this class, in [0, 1]
 */
public record IdentityPrediction(String label, int index, double probability) {

    /** Validates the fields. */
    public IdentityPrediction {
        if (label == null) {
            throw new IllegalArgumentException("label must not be null");
        }
        if (index < 0) {
            throw new IllegalArgumentException("index must be >= 0, got " + index);
        }
        if (!Double.isFinite(probability)) {
            throw new IllegalArgumentException("probability must be finite, got " + probability);
        }
    }
}
