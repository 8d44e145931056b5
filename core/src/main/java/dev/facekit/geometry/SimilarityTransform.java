package dev.facekit.geometry;

import java.util.List;

/**
 * A 2-D similarity transform (uniform scale, rotation, translation; no reflection, no shear):
 *
 * <pre>
 *   x' = a * x - b * y + tx
 *   y' = b * x + a * y + ty
 * </pre>
 *
 * where {@code a = s cos(theta)} and {@code b = s sin(theta)}. Coordinates are pixels with y
 * pointing down, so a positive angle turns clockwise on screen. Immutable and thread-safe.
 *
 * @param a scale times the cosine of the rotation
 * @param b scale times the sine of the rotation
 * @param tx translation along x in pixels
 * @param ty translation along y in pixels
 */
public record SimilarityTransform(double a, double b, double tx, double ty) {

    /** The identity transform. */
    public static final SimilarityTransform IDENTITY = new SimilarityTransform(1, 0, 0, 0);

    /** Validates that every parameter is finite and that the scale is not zero. */
    public SimilarityTransform {
        if (!Double.isFinite(a)
                || !Double.isFinite(b)
                || !Double.isFinite(tx)
                || !Double.isFinite(ty)) {
            throw new IllegalArgumentException(
                    "transform parameters must be finite, got a="
                            + a
                            + " b="
                            + b
                            + " tx="
                            + tx
                            + " ty="
                            + ty);
        }
        if (a == 0 && b == 0) {
            throw new IllegalArgumentException("transform scale must not be zero");
        }
    }

    /**
     * Returns the transform of the given scale, rotation and translation.
     *
     * @param scale uniform scale, {@code > 0}
     * @param radians rotation angle (clockwise on screen, since y points down)
     * @param tx translation along x in pixels
     * @param ty translation along y in pixels
     * @return the transform
     */
    public static SimilarityTransform of(double scale, double radians, double tx, double ty) {
        if (!(scale > 0) || !Double.isFinite(scale)) {
            throw new IllegalArgumentException("scale must be finite and > 0, got " + scale);
        }
        return new SimilarityTransform(
                scale * Math.cos(radians), scale * Math.sin(radians), tx, ty);
    }

    /**
     * Estimates the similarity transform that maps {@code from} onto {@code to} with the least sum
     * of squared distances (Umeyama, 1991, restricted to proper rotations; in two dimensions it has
     * a closed form).
     *
     * @param from source points, at least two, not all equal
     * @param to target points, same count and order as {@code from}
     * @return the least-squares transform
     * @throws IllegalArgumentException if the lists differ in size, hold fewer than two points, or
     *     the source points all coincide
     */
    public static SimilarityTransform estimate(List<Point> from, List<Point> to) {
        int n = from.size();
        if (n != to.size()) {
            throw new IllegalArgumentException(
                    "point lists differ in size: " + n + " source vs " + to.size() + " target");
        }
        if (n < 2) {
            throw new IllegalArgumentException("need at least 2 point pairs, got " + n);
        }

        // Centroids of both sets.
        double fx = 0, fy = 0, gx = 0, gy = 0;
        for (int i = 0; i < n; i++) {
            fx += from.get(i).x();
            fy += from.get(i).y();
            gx += to.get(i).x();
            gy += to.get(i).y();
        }
        fx /= n;
        fy /= n;
        gx /= n;
        gy /= n;

        // Cross terms of the centred sets give a and b directly.
        double dot = 0, cross = 0, norm = 0;
        for (int i = 0; i < n; i++) {
            double px = from.get(i).x() - fx;
            double py = from.get(i).y() - fy;
            double qx = to.get(i).x() - gx;
            double qy = to.get(i).y() - gy;
            dot += px * qx + py * qy;
            cross += px * qy - py * qx;
            norm += px * px + py * py;
        }
        if (norm < 1e-12) {
            throw new IllegalArgumentException("source points all coincide; no transform fits");
        }
        double a = dot / norm;
        double b = cross / norm;
        return new SimilarityTransform(a, b, gx - (a * fx - b * fy), gy - (b * fx + a * fy));
    }

    /** Returns the uniform scale factor. */
    public double scale() {
        return Math.hypot(a, b);
    }

    /** Returns the rotation angle in radians (clockwise on screen). */
    public double rotation() {
        return Math.atan2(b, a);
    }

    /**
     * Maps a point.
     *
     * @param p the point
     * @return the transformed point
     */
    public Point apply(Point p) {
        return new Point((float) applyX(p.x(), p.y()), (float) applyY(p.x(), p.y()));
    }

    /**
     * Returns x' for the point {@code (x, y)}.
     *
     * @param x source x
     * @param y source y
     * @return transformed x
     */
    public double applyX(double x, double y) {
        return a * x - b * y + tx;
    }

    /**
     * Returns y' for the point {@code (x, y)}.
     *
     * @param x source x
     * @param y source y
     * @return transformed y
     */
    public double applyY(double x, double y) {
        return b * x + a * y + ty;
    }

    /** Returns the inverse transform. */
    public SimilarityTransform inverse() {
        double d = a * a + b * b;
        double ia = a / d;
        double ib = -b / d;
        return new SimilarityTransform(ia, ib, -(ia * tx - ib * ty), -(ib * tx + ia * ty));
    }

    /**
     * Returns the transform that applies {@code this} first, then {@code next}.
     *
     * @param next the transform applied second
     * @return the composition
     */
    public SimilarityTransform andThen(SimilarityTransform next) {
        double na = next.a * a - next.b * b;
        double nb = next.b * a + next.a * b;
        return new SimilarityTransform(na, nb, next.applyX(tx, ty), next.applyY(tx, ty));
    }
}
