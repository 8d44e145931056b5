package dev.facekit.eval;

import dev.facekit.detect.DetectedFace;
import dev.facekit.geometry.BoundingBox;

/**
 * One detector output to evaluate: the image it was found in, its box in pixels of the upright
 * image, and its confidence (higher means more certain).
 *
 * @param file the image, as named in the annotations
 * @param box the detected box
 * @param confidence the detector's confidence; only its order matters
 */
public record Detection(String file, BoundingBox box, double confidence) {

    /** Validates the fields. */
    public Detection {
        if (file == null || file.isBlank() || box == null) {
            throw new IllegalArgumentException("detection needs a file and a box");
        }
        if (!Double.isFinite(confidence)) {
            throw new IllegalArgumentException("confidence must be finite, got " + confidence);
        }
    }

    /**
     * Returns the detection of a face found by a {@link dev.facekit.detect.FaceDetector}.
     *
     * @param file the image, as named in the annotations
     * @param face the face
     * @return the detection
     */
    public static Detection of(String file, DetectedFace face) {
        return new Detection(file, face.box(), face.confidence());
    }
}
