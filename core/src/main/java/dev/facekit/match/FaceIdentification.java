package dev.facekit.match;

import dev.facekit.detect.DetectedFace;
import dev.facekit.embed.Threshold;
import java.util.List;
import java.util.Optional;

/**
 * Who one face in an image is: the nearest identities of the gallery, best first, and the decision.
 * Immutable.
 *
 * @param face the face, in pixels of the queried image
 * @param threshold the decision boundary used
 * @param candidates at most {@code k} identities, smallest distance first; empty when the gallery
 *     is empty
 */
public record FaceIdentification(
        DetectedFace face, Threshold threshold, List<Candidate> candidates) {

    /** Validates and copies the fields. */
    public FaceIdentification {
        if (face == null || threshold == null || candidates == null) {
            throw new IllegalArgumentException("face, threshold and candidates must not be null");
        }
        candidates = List.copyOf(candidates);
    }

    /**
     * Returns the identity: the best candidate when it is within the threshold, empty ("unknown")
     * when it is not or when the gallery is empty.
     */
    public Optional<String> identity() {
        return best().filter(c -> c.matches(threshold)).map(Candidate::identity);
    }

    /** Returns whether the face is unknown: no candidate within the threshold. */
    public boolean unknown() {
        return identity().isEmpty();
    }

    /** Returns the best candidate whether or not it is within the threshold. */
    public Optional<Candidate> best() {
        return candidates.isEmpty() ? Optional.empty() : Optional.of(candidates.get(0));
    }
}
