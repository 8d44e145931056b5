package dev.facekit.geometry;

/**
 * A point in float pixels of the upright image (origin top-left, x right, y down).
 *
 * <p>Immutable and thread-safe.
 *
 * @param x horizontal position in pixels
 * @param y vertical position in pixels
 */
public record Point(float x, float y) {

    /** Validates that both coordinates are finite. */
    public Point {
        Checks.finite("x", x);
        Checks.finite("y", y);
    }

    /**
     * Returns the Euclidean distance to another point, in pixels.
     *
     * @param other the other point
     * @return the distance in pixels
     */
    public float distanceTo(Point other) {
        return (float) Math.hypot(x - other.x, y - other.y);
    }

    /**
     * Returns this point moved by the given offsets.
     *
     * @param dx pixels to add to x
     * @param dy pixels to add to y
     * @return the moved point
     */
    public Point translate(float dx, float dy) {
        return new Point(x + dx, y + dy);
    }
}
