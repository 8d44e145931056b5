package dev.facekit.align;

import dev.facekit.geometry.Landmarks;
import dev.facekit.geometry.Point;

/**
 * Where the five landmarks should land in a square chip: the target of five-point alignment.
 * Coordinates are pixels of the chip (origin top-left, y down).
 *
 * @param landmarks the five target points, MTCNN order
 * @param size side of the chip in pixels
 */
public record AlignmentTemplate(Landmarks landmarks, int size) {

    /**
     * dlib's 150x150 chip geometry (padding 0.25): the eye centres, nose tip and mouth corners of
     * dlib's mean face, as used by the dlib face-recognition ResNet.
     */
    public static final AlignmentTemplate DLIB_150 =
            new AlignmentTemplate(
                    Landmarks.of(
                            47.5492f, 46.5990f, 100.4761f, 46.5990f, 74.0127f, 76.5625f, 50.4149f,
                            103.0233f, 97.6104f, 103.0233f),
                    150);

    /** Validates the size. */
    public AlignmentTemplate {
        if (landmarks == null) {
            throw new IllegalArgumentException("landmarks must not be null");
        }
        if (size <= 0) {
            throw new IllegalArgumentException("size must be > 0, got " + size);
        }
    }

    /**
     * Returns this template scaled about the chip centre and then shifted, keeping the size.
     *
     * @param scale factor about {@code (size / 2, size / 2)}, {@code > 0}
     * @param dx pixels to move right
     * @param dy pixels to move down
     * @return the adjusted template
     */
    public AlignmentTemplate adjusted(float scale, float dx, float dy) {
        if (!(scale > 0) || !Float.isFinite(scale)) {
            throw new IllegalArgumentException("scale must be finite and > 0, got " + scale);
        }
        float c = size / 2f;
        float[] xy = new float[10];
        int i = 0;
        for (Point p : landmarks.points()) {
            xy[i++] = c + (p.x() - c) * scale + dx;
            xy[i++] = c + (p.y() - c) * scale + dy;
        }
        return new AlignmentTemplate(Landmarks.of(xy), size);
    }

    /**
     * Returns this template for a chip of another size, every point scaled by {@code newSize /
     * size}.
     *
     * @param newSize the new side in pixels
     * @return the resized template
     */
    public AlignmentTemplate resized(int newSize) {
        float s = (float) newSize / size;
        float[] xy = new float[10];
        int i = 0;
        for (Point p : landmarks.points()) {
            xy[i++] = p.x() * s;
            xy[i++] = p.y() * s;
        }
        return new AlignmentTemplate(Landmarks.of(xy), newSize);
    }
}
