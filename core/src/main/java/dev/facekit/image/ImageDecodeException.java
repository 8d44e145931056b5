package dev.facekit.image;

/**
 * Thrown when an image cannot be decoded: empty, truncated or corrupt data, an unknown format, or a
 * picture over the pixel budget. The message names the source (a path, or a description of the
 * bytes) and the reason; {@link #source()} and {@link #reason()} give them separately.
 */
public final class ImageDecodeException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Why decoding failed. */
    public enum Reason {
        /** The source holds no bytes. */
        EMPTY,
        /** The bytes are not a format FaceKit reads, or a variant no installed decoder supports. */
        UNKNOWN_FORMAT,
        /** The data ends before the image does. */
        TRUNCATED,
        /** The data is malformed. */
        CORRUPT,
        /**
         * The header declares more than the decoder's limits allow: pixels over the budget, or more
         * bits per pixel, or a larger file, than FaceKit accepts.
         */
        TOO_LARGE,
        /** The source could not be read (missing file, I/O error). */
        UNREADABLE
    }

    private final String source;
    private final Reason reason;

    /**
     * Creates the exception.
     *
     * @param source the path or description of the input
     * @param reason the kind of failure
     * @param detail what exactly is wrong
     * @param cause the underlying exception, or {@code null}
     */
    public ImageDecodeException(String source, Reason reason, String detail, Throwable cause) {
        super(source + ": " + detail, cause);
        this.source = source;
        this.reason = reason;
    }

    /** Returns the path or description of the input that failed. */
    public String source() {
        return source;
    }

    /** Returns the kind of failure. */
    public Reason reason() {
        return reason;
    }
}
