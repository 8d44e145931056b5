package dev.facekit.geometry;

/**
 * An axis-aligned rectangle in float pixels of the upright image: {@code x, y} is the top-left
 * corner, the box covers {@code [x, x + width) x [y, y + height)}.
 *
 * <p>Width and height are never negative; a box of zero width or height is allowed (it has zero
 * area). Immutable and thread-safe; every operation returns a new box.
 *
 * @param x left edge in pixels
 * @param y top edge in pixels
 * @param width width in pixels, {@code >= 0}
 * @param height height in pixels, {@code >= 0}
 */
public record BoundingBox(float x, float y, float width, float height) {

    /** Validates that every value is finite and that width and height are not negative. */
    public BoundingBox {
        Checks.finite("x", x);
        Checks.finite("y", y);
        Checks.nonNegative("width", width);
        Checks.nonNegative("height", height);
    }

    /**
     * Returns the box spanning two corners, in pixels.
     *
     * @param left left edge
     * @param top top edge
     * @param right right edge, {@code >= left}
     * @param bottom bottom edge, {@code >= top}
     * @return the box
     * @throws IllegalArgumentException if {@code right < left} or {@code bottom < top}
     */
    public static BoundingBox ofCorners(float left, float top, float right, float bottom) {
        return new BoundingBox(left, top, right - left, bottom - top);
    }

    /** Returns the right edge, {@code x + width}. */
    public float right() {
        return x + width;
    }

    /** Returns the bottom edge, {@code y + height}. */
    public float bottom() {
        return y + height;
    }

    /** Returns the horizontal centre in pixels. */
    public float centerX() {
        return x + width / 2f;
    }

    /** Returns the vertical centre in pixels. */
    public float centerY() {
        return y + height / 2f;
    }

    /** Returns the centre point. */
    public Point center() {
        return new Point(centerX(), centerY());
    }

    /** Returns the area in square pixels. */
    public float area() {
        return width * height;
    }

    /**
     * Returns the area of the overlap with another box, zero when they do not overlap.
     *
     * @param other the other box
     * @return the overlapping area in square pixels
     */
    public float intersectionArea(BoundingBox other) {
        float w = Math.min(right(), other.right()) - Math.max(x, other.x);
        float h = Math.min(bottom(), other.bottom()) - Math.max(y, other.y);
        return w <= 0 || h <= 0 ? 0f : w * h;
    }

    /**
     * Returns the overlapping box, or a zero-sized box at the nearest corner when the boxes do not
     * overlap.
     *
     * @param other the other box
     * @return the intersection
     */
    public BoundingBox intersection(BoundingBox other) {
        float left = Math.max(x, other.x);
        float top = Math.max(y, other.y);
        float right = Math.max(left, Math.min(right(), other.right()));
        float bottom = Math.max(top, Math.min(bottom(), other.bottom()));
        return ofCorners(left, top, right, bottom);
    }

    /**
     * Returns the intersection over union with another box: 0 for disjoint boxes, 1 for equal boxes
     * of positive area, and 0 when both boxes have zero area.
     *
     * @param other the other box
     * @return IoU in [0, 1]
     */
    public float iou(BoundingBox other) {
        float inter = intersectionArea(other);
        float union = area() + other.area() - inter;
        return union <= 0 ? 0f : inter / union;
    }

    /**
     * Returns the box cut to the image {@code [0, imageWidth] x [0, imageHeight]}: never negative
     * and never past an edge. A box entirely outside becomes a zero-sized box on the nearest edge.
     *
     * @param imageWidth image width in pixels, {@code > 0}
     * @param imageHeight image height in pixels, {@code > 0}
     * @return the clipped box
     */
    public BoundingBox clip(int imageWidth, int imageHeight) {
        if (imageWidth <= 0 || imageHeight <= 0) {
            throw new IllegalArgumentException(
                    "image size must be positive, got " + imageWidth + "x" + imageHeight);
        }
        float left = clamp(x, imageWidth);
        float top = clamp(y, imageHeight);
        float right = clamp(right(), imageWidth);
        float bottom = clamp(bottom(), imageHeight);
        return ofCorners(left, top, right, bottom);
    }

    /**
     * Returns the box with every coordinate multiplied: for mapping a box between an image and a
     * resized copy of it.
     *
     * @param sx factor for x and width, {@code > 0}
     * @param sy factor for y and height, {@code > 0}
     * @return the scaled box
     */
    public BoundingBox scale(float sx, float sy) {
        Checks.positive("sx", sx);
        Checks.positive("sy", sy);
        return new BoundingBox(x * sx, y * sy, width * sx, height * sy);
    }

    /**
     * Returns the box grown by {@code margin} pixels on every side (shrunk when negative; never
     * below zero size, keeping the centre).
     *
     * @param margin pixels to add on each side
     * @return the expanded box
     */
    public BoundingBox expand(float margin) {
        Checks.finite("margin", margin);
        float w = Math.max(0f, width + 2 * margin);
        float h = Math.max(0f, height + 2 * margin);
        return new BoundingBox(centerX() - w / 2f, centerY() - h / 2f, w, h);
    }

    /**
     * Returns the box grown by a fraction of its size on every side: {@code fraction = 0.1} adds
     * 10% of the width left and right and 10% of the height above and below.
     *
     * @param fraction fraction of the size to add on each side, {@code > -0.5}
     * @return the expanded box
     */
    public BoundingBox expandRelative(float fraction) {
        Checks.finite("fraction", fraction);
        if (fraction <= -0.5f) {
            throw new IllegalArgumentException("fraction must be > -0.5, got " + fraction);
        }
        float w = width * (1 + 2 * fraction);
        float h = height * (1 + 2 * fraction);
        return new BoundingBox(centerX() - w / 2f, centerY() - h / 2f, w, h);
    }

    /**
     * Returns the square of side {@code max(width, height)} with the same centre, as MTCNN does
     * before cropping for its next stage.
     *
     * @return the square box
     */
    public BoundingBox square() {
        float side = Math.max(width, height);
        return new BoundingBox(centerX() - side / 2f, centerY() - side / 2f, side, side);
    }

    /**
     * Returns whether the point lies inside the box (left and top edges inclusive).
     *
     * @param point the point
     * @return whether it is inside
     */
    public boolean contains(Point point) {
        return point.x() >= x && point.x() < right() && point.y() >= y && point.y() < bottom();
    }

    private static float clamp(float v, int max) {
        return Math.max(0f, Math.min(max, v));
    }
}
