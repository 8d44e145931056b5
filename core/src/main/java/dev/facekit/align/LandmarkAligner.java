package dev.facekit.align;

import dev.facekit.detect.DetectedFace;
import dev.facekit.geometry.Landmarks;
import dev.facekit.geometry.SimilarityTransform;
import dev.facekit.image.Resampling;
import dev.facekit.image.RgbImage;

/**
 * Five-point alignment: the least-squares similarity transform from the detected landmarks to the
 * template's points (see {@link SimilarityTransform#estimate}), then bilinear resampling to the
 * template's size, with edge replication outside the image.
 *
 * @param template where the landmarks should land
 */
public record LandmarkAligner(AlignmentTemplate template) implements FaceCropper {

    /** Validates that a template is given. */
    public LandmarkAligner {
        if (template == null) {
            throw new IllegalArgumentException("template must not be null");
        }
    }

    @Override
    public int size() {
        return template.size();
    }

    @Override
    public RgbImage crop(RgbImage image, DetectedFace face) {
        return align(image, face.landmarks());
    }

    /**
     * Aligns the face with the given landmarks.
     *
     * @param image the upright image
     * @param landmarks the face's landmarks in pixels of {@code image}
     * @return the aligned chip
     */
    public RgbImage align(RgbImage image, Landmarks landmarks) {
        return Resampling.warp(image, transform(landmarks), template.size(), template.size());
    }

    /**
     * Returns the transform from image pixels to chip pixels for the given landmarks.
     *
     * @param landmarks the face's landmarks
     * @return the least-squares similarity transform onto the template
     */
    public SimilarityTransform transform(Landmarks landmarks) {
        return SimilarityTransform.estimate(landmarks.points(), template.landmarks().points());
    }
}
