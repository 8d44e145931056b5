package dev.facekit.match;

import dev.facekit.detect.DetectedFace;
import dev.facekit.geometry.BoundingBox;
import java.util.List;
import java.util.Optional;

/**
 * Which faces of two images {@link FaceMatcher#verify} compares.
 *
 * <p>Thread-safe.
 */
public enum FaceSelection {
    /** The primary face of each image (see {@link #primary}): one comparison per verification. */
    PRIMARY,
    /**
     * Every face of one image against every face of the other; the pair with the smallest distance
     * is kept (ties: the first pair in detector order, first image's face first).
     */
    BEST_PAIR;

    /**
     * Returns the primary face: the one with the highest {@code area - 2 * d^2}, where {@code area}
     * is the box's area and {@code d} the distance from the box's centre to the image's centre,
     * both in pixels. It favours large faces near the centre, the rule the shared reference data
     * uses. Ties go to the higher confidence, then to the face that comes first in the list.
     *
     * @param faces the faces found in one image
     * @param width the image width in pixels
     * @param height the image height in pixels
     * @return the primary face, empty when the list is empty
     */
    public static Optional<DetectedFace> primary(List<DetectedFace> faces, int width, int height) {
        DetectedFace best = null;
        double bestScore = Double.NEGATIVE_INFINITY;
        for (DetectedFace f : faces) {
            double score = primaryScore(f.box(), width, height);
            if (best == null
                    || score > bestScore
                    || (score == bestScore && f.confidence() > best.confidence())) {
                best = f;
                bestScore = score;
            }
        }
        return Optional.ofNullable(best);
    }

    /**
     * Returns {@code area - 2 * d^2} for one box, the score {@link #primary} maximises.
     *
     * @param box a face's box
     * @param width the image width in pixels
     * @param height the image height in pixels
     * @return the score; higher is more primary
     */
    public static double primaryScore(BoundingBox box, int width, int height) {
        double dx = box.centerX() - width / 2.0;
        double dy = box.centerY() - height / 2.0;
        return (double) box.width() * box.height() - 2 * (dx * dx + dy * dy);
    }
}
