package dev.facekit.geometry;

/** Argument checks shared by the geometry records. */
final class Checks {

    private Checks() {}

    static void finite(String name, float value) {
        if (!Float.isFinite(value)) {
            throw new IllegalArgumentException(name + " must be finite, got " + value);
        }
    }

    static void nonNegative(String name, float value) {
        finite(name, value);
        if (value < 0) {
            throw new IllegalArgumentException(name + " must be >= 0, got " + value);
        }
    }

    static void positive(String name, float value) {
        finite(name, value);
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be > 0, got " + value);
        }
    }
}
