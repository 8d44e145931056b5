package dev.facekit.align;

import dev.facekit.detect.DetectedFace;
import dev.facekit.image.RgbImage;

/**
 * Cuts one face out of an image as a square chip of a model's input size. Implementations are
 * immutable and thread-safe.
 */
public interface FaceCropper {

    /** Returns the side of the chips in pixels. */
    int size();

    /**
     * Cuts the chip of one face.
     *
     * @param image the upright image the face was detected in
     * @param face the face, in pixels of {@code image}
     * @return a {@code size() x size()} chip
     */
    RgbImage crop(RgbImage image, DetectedFace face);
}
