package dev.facekit.geometry;

import java.util.List;

/**
 * The five facial landmarks in MTCNN order, in pixels of the upright image.
 *
 * <p>"Left" and "right" are the <b>viewer's</b> left and right: {@code leftEye} is the eye nearer
 * the left edge of the picture (the person's right eye). Immutable and thread-safe.
 *
 * @param leftEye centre of the eye on the viewer's left
 * @param rightEye centre of the eye on the viewer's right
 * @param nose tip of the nose
 * @param mouthLeft corner of the mouth on the viewer's left
 * @param mouthRight corner of the mouth on the viewer's right
 */
public record Landmarks(
        Point leftEye, Point rightEye, Point nose, Point mouthLeft, Point mouthRight) {

    /** The number of landmarks. */
    public static final int COUNT = 5;

    /** Validates that no point is null. */
    public Landmarks {
        requireNonNull("leftEye", leftEye);
        requireNonNull("rightEye", rightEye);
        requireNonNull("nose", nose);
        requireNonNull("mouthLeft", mouthLeft);
        requireNonNull("mouthRight", mouthRight);
    }

    /**
     * Returns landmarks from a list of exactly five points in MTCNN order.
     *
     * @param points left eye, right eye, nose, left mouth corner, right mouth corner
     * @return the landmarks
     * @throws IllegalArgumentException if the list does not hold exactly five points
     */
    public static Landmarks of(List<Point> points) {
        if (points.size() != COUNT) {
            throw new IllegalArgumentException(
                    "landmarks need exactly 5 points, got " + points.size());
        }
        return new Landmarks(
                points.get(0), points.get(1), points.get(2), points.get(3), points.get(4));
    }

    /**
     * Returns landmarks from ten floats {@code x0, y0, x1, y1, ..., x4, y4} in MTCNN order.
     *
     * @param xy ten coordinates in pixels
     * @return the landmarks
     * @throws IllegalArgumentException if the array does not hold exactly ten values
     */
    public static Landmarks of(float... xy) {
        if (xy.length != 2 * COUNT) {
            throw new IllegalArgumentException(
                    "landmarks need exactly 10 coordinates, got " + xy.length);
        }
        return new Landmarks(
                new Point(xy[0], xy[1]),
                new Point(xy[2], xy[3]),
                new Point(xy[4], xy[5]),
                new Point(xy[6], xy[7]),
                new Point(xy[8], xy[9]));
    }

    /** Returns the five points in MTCNN order, as an unmodifiable list. */
    public List<Point> points() {
        return List.of(leftEye, rightEye, nose, mouthLeft, mouthRight);
    }

    /**
     * Returns every point moved by the given offsets.
     *
     * @param dx pixels to add to x
     * @param dy pixels to add to y
     * @return the moved landmarks
     */
    public Landmarks translate(float dx, float dy) {
        return new Landmarks(
                leftEye.translate(dx, dy),
                rightEye.translate(dx, dy),
                nose.translate(dx, dy),
                mouthLeft.translate(dx, dy),
                mouthRight.translate(dx, dy));
    }

    private static void requireNonNull(String name, Point p) {
        if (p == null) {
            throw new IllegalArgumentException(name + " must not be null");
        }
    }
}
