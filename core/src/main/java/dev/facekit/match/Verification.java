package dev.facekit.match;

import dev.facekit.detect.DetectedFace;
import dev.facekit.embed.Metric;
import dev.facekit.embed.Threshold;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The answer to "are these two images of the same person?". When both images hold a face, the
 * result carries the two faces compared and their {@link Comparison}; when one does not, the {@link
 * #status()} says which, {@link #match()} is {@code false}, and there is no distance. Immutable.
 *
 * @param status whether a comparison was made, and if not why
 * @param threshold the decision boundary that was (or would have been) used
 * @param faceA the face compared in the first image; when the other image holds no face, the face
 *     that would have been compared if that is a single face (always so under {@code PRIMARY}),
 *     otherwise empty
 * @param faceB the same for the second image
 * @param comparison the comparison, present exactly when {@code status} is {@code COMPARED}
 */
public record Verification(
        Status status,
        Threshold threshold,
        Optional<DetectedFace> faceA,
        Optional<DetectedFace> faceB,
        Optional<Comparison> comparison) {

    /** Whether the two images could be compared. */
    public enum Status {
        /** A face was found in both images and compared. */
        COMPARED,
        /** The first image holds no face. */
        NO_FACE_IN_A,
        /** The second image holds no face. */
        NO_FACE_IN_B,
        /** Neither image holds a face. */
        NO_FACE_IN_EITHER
    }

    /** Validates that the fields agree with the status. */
    public Verification {
        if (status == null || threshold == null) {
            throw new IllegalArgumentException("status and threshold must not be null");
        }
        if (faceA == null || faceB == null || comparison == null) {
            throw new IllegalArgumentException("optional fields must not be null");
        }
        if (comparison.isPresent() != (status == Status.COMPARED)) {
            throw new IllegalArgumentException("a comparison is present exactly when COMPARED");
        }
    }

    /** Returns the metric of the threshold. */
    public Metric metric() {
        return threshold.metric();
    }

    /** Returns the decision: same person. {@code false} when no comparison was made. */
    public boolean match() {
        return comparison.map(Comparison::match).orElse(false);
    }

    /** Returns the distance under {@link #metric()}, empty when no comparison was made. */
    public OptionalDouble distance() {
        return comparison.isPresent()
                ? OptionalDouble.of(comparison.get().distance())
                : OptionalDouble.empty();
    }

    /** Returns the cosine similarity, empty when no comparison was made. */
    public OptionalDouble similarity() {
        return comparison.isPresent()
                ? OptionalDouble.of(comparison.get().similarity())
                : OptionalDouble.empty();
    }

    /** Returns a one-line explanation of the outcome, for logs and users. */
    public String reason() {
        return switch (status) {
            case NO_FACE_IN_A -> "no face found in the first image";
            case NO_FACE_IN_B -> "no face found in the second image";
            case NO_FACE_IN_EITHER -> "no face found in either image";
            case COMPARED ->
                    String.format(
                            java.util.Locale.ROOT,
                            "%s distance %.4f %s threshold %.4f",
                            metric(),
                            comparison.get().distance(),
                            match() ? "<=" : ">",
                            threshold.distance());
        };
    }
}
