package dev.facekit.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Gate for tests that read the shared photos ({@code ../shared/data}). The location comes from the
 * system property {@code facekit.data} (set by the build) or the environment variable {@code
 * FACEKIT_DATA}; tests call {@link #require(String)} and are skipped, not failed, when the folder
 * is absent.
 */
public final class SharedData {

    private SharedData() {}

    /** Returns the data root, which may not exist. */
    public static Path root() {
        String p = System.getProperty("facekit.data");
        if (p == null || p.isBlank()) {
            p = System.getenv("FACEKIT_DATA");
        }
        if (p == null || p.isBlank()) {
            p = "../../shared/data";
        }
        return Path.of(p).toAbsolutePath().normalize();
    }

    /** Returns whether the given path under the data root exists. */
    public static boolean present(String relative) {
        return Files.exists(root().resolve(relative));
    }

    /**
     * Returns the path under the data root, skipping the calling test when it is absent.
     *
     * @param relative a path relative to the data root, for example {@code faces/reference}
     * @return the absolute path
     */
    public static Path require(String relative) {
        Path p = root().resolve(relative);
        assumeTrue(Files.exists(p), "shared data absent: " + p);
        return p;
    }
}
