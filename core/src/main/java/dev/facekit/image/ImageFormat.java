package dev.facekit.image;

import java.util.Optional;

/**
 * The container formats {@link ImageDecoder} reads, recognised by their leading bytes (the "magic
 * number"), never by a file name.
 */
enum ImageFormat {
    JPEG("JPEG"),
    PNG("PNG"),
    GIF("GIF"),
    BMP("BMP"),
    TIFF("TIFF"),
    WEBP("WebP");

    private static final byte[] PNG_SIGNATURE = {
        (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'
    };

    private final String displayName;

    ImageFormat(String displayName) {
        this.displayName = displayName;
    }

    /** Returns the format's usual name, for messages. */
    String displayName() {
        return displayName;
    }

    /**
     * Recognises the format from the first bytes of a file.
     *
     * @param b the file's bytes
     * @return the format, or empty if the bytes start like none of them
     */
    static Optional<ImageFormat> sniff(byte[] b) {
        if (startsWith(b, 0, (byte) 0xFF, (byte) 0xD8, (byte) 0xFF)) {
            return Optional.of(JPEG);
        }
        if (startsWith(b, 0, PNG_SIGNATURE)) {
            return Optional.of(PNG);
        }
        if (startsWith(b, 0, ascii("GIF87a")) || startsWith(b, 0, ascii("GIF89a"))) {
            return Optional.of(GIF);
        }
        if (startsWith(b, 0, ascii("BM")) && hasBmpInfoHeader(b)) {
            return Optional.of(BMP);
        }
        if (startsWith(b, 0, 'I', 'I', 42, 0) || startsWith(b, 0, 'M', 'M', 0, 42)) {
            return Optional.of(TIFF);
        }
        if (startsWith(b, 0, ascii("RIFF")) && startsWith(b, 8, ascii("WEBP"))) {
            return Optional.of(WEBP);
        }
        return Optional.empty();
    }

    /**
     * "BM" alone is too weak a signature (a text may start with it): the info header that follows
     * the 14-byte file header must have one of the sizes the BMP versions define.
     */
    private static boolean hasBmpInfoHeader(byte[] b) {
        if (b.length < 18) {
            return false;
        }
        int size =
                (b[14] & 0xFF) | (b[15] & 0xFF) << 8 | (b[16] & 0xFF) << 16 | (b[17] & 0xFF) << 24;
        return switch (size) {
            case 12, 16, 40, 52, 56, 64, 108, 124 -> true;
            default -> false;
        };
    }

    /** Returns up to the first 8 bytes in hex, to say in a message what the data starts with. */
    static String head(byte[] b) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < Math.min(8, b.length); i++) {
            s.append(String.format("%02X", b[i] & 0xFF));
            if (i + 1 < Math.min(8, b.length)) {
                s.append(' ');
            }
        }
        return s.toString();
    }

    private static byte[] ascii(String s) {
        return s.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }

    private static boolean startsWith(byte[] b, int offset, int... prefix) {
        byte[] p = new byte[prefix.length];
        for (int i = 0; i < p.length; i++) {
            p[i] = (byte) prefix[i];
        }
        return startsWith(b, offset, p);
    }

    private static boolean startsWith(byte[] b, int offset, byte... prefix) {
        if (b.length < offset + prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (b[offset + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}
