package dev.facekit.cli;

import dev.facekit.detect.DetectedFace;
import dev.facekit.geometry.BoundingBox;
import java.nio.file.Path;
import java.util.Locale;

/** Small text helpers for file names and human-readable output. */
final class Names {

    private Names() {}

    /** The file name without its last extension. */
    static String stem(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    /** "1 face", "3 faces", "no face". */
    static String count(int n, String noun) {
        return count(n, noun, noun + "s");
    }

    /** "1 identity", "3 identities", "no identity". */
    static String count(int n, String one, String many) {
        if (n == 0) {
            return "no " + one;
        }
        return n + " " + (n == 1 ? one : many);
    }

    /** "box x=12 y=30 118x140, confidence 0.998". */
    static String describe(DetectedFace face) {
        return box(face.box()) + String.format(Locale.ROOT, ", confidence %.3f", face.confidence());
    }

    /** "box x=12 y=30 118x140" (pixels, rounded). */
    static String box(BoundingBox b) {
        return String.format(
                Locale.ROOT, "box x=%.0f y=%.0f %.0fx%.0f", b.x(), b.y(), b.width(), b.height());
    }
}
