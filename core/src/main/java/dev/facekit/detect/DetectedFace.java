package dev.facekit.detect;

import dev.facekit.geometry.BoundingBox;
import dev.facekit.geometry.Landmarks;

/**
 * One detected face: its box and five landmarks in pixels of the upright image, and the detector's
 * confidence. Immutable and thread-safe.
 *
 * @param box the face's box
 * @param confidence the detector's face probability, in [0, 1]
 * @param landmarks the five landmarks
 */
public record DetectedFace(BoundingBox box, float confidence, Landmarks landmarks) {

    /** Validates that box and landmarks are present and the confidence lies in [0, 1]. */
    public DetectedFace {
        if (box == null) {
            throw new IllegalArgumentException("box must not be null");
        }
        if (landmarks == null) {
            throw new IllegalArgumentException("landmarks must not be null");
        }
        if (!(confidence >= 0f && confidence <= 1f)) {
            throw new IllegalArgumentException("confidence must be in [0, 1], got " + confidence);
        }
    }
}
