package dev.facekit.match;

import java.nio.file.Path;

/**
 * A gallery file that cannot be loaded: not a gallery file, an unsupported version, a wrong
 * checksum, cut short, or inconsistent. Nothing is loaded when it is thrown. The message names the
 * file and the problem.
 */
public final class GalleryFormatException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient Path file;

    /**
     * Creates the exception.
     *
     * @param file the file that was read
     * @param problem what is wrong with it
     */
    public GalleryFormatException(Path file, String problem) {
        super("gallery file " + file + ": " + problem);
        this.file = file;
    }

    /**
     * Creates the exception with the I/O error behind it.
     *
     * @param file the file that was read
     * @param problem what is wrong with it
     * @param cause the underlying error
     */
    public GalleryFormatException(Path file, String problem, Throwable cause) {
        super("gallery file " + file + ": " + problem, cause);
        this.file = file;
    }

    /** Returns the file that could not be loaded. */
    public Path file() {
        return file;
    }
}
