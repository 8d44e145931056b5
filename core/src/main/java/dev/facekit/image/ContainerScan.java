package dev.facekit.image;

import dev.facekit.image.ImageDecodeException.Reason;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.CRC32;

/**
 * A walk over the container structure of a file (JPEG segments, PNG chunks, GIF blocks up to the
 * end of the first frame, WebP chunks) before any pixel is decoded. It finds the declared size, the
 * EXIF block, a PNG's ICC profile, where a GIF's first frame lies, and whether the file is cut
 * short, which the ImageIO readers do not report reliably: the JPEG reader fills a truncated image
 * with grey and returns it as if nothing happened.
 *
 * <p>The walk reads each byte at most a few times and allocates nothing but copies of the EXIF and
 * ICC blocks.
 */
final class ContainerScan {

    /**
     * Progressive JPEGs with more scans than this are refused as corrupt. Real encoders write about
     * ten; each scan makes the decoder pass over the whole coefficient buffer again, so a small
     * file with thousands of scans would cost minutes.
     */
    static final int MAX_JPEG_SCANS = 256;

    private static final byte[] EXIF_PREFIX = "Exif\0\0".getBytes(StandardCharsets.US_ASCII);

    /**
     * What the walk found.
     *
     * @param width the width the header declares, or {@code -1} if the walk does not read it
     * @param height the height the header declares, or {@code -1} if the walk does not read it
     * @param exif the EXIF block as a TIFF structure (byte order mark first), or {@code null}
     * @param iccp the data of a PNG's {@code iCCP} chunk (name, method, compressed ICC profile), or
     *     {@code null}
     * @param placement where a GIF's first frame lies on a larger logical screen, or {@code null}
     */
    record Result(int width, int height, byte[] exif, byte[] iccp, FramePlacement placement) {
        Result(int width, int height, byte[] exif) {
            this(width, height, exif, null, null);
        }
    }

    private ContainerScan() {}

    /**
     * Walks the structure of a file of the given format.
     *
     * @param format the format sniffed from the bytes
     * @param b the file's bytes
     * @param source how to name the input in errors
     * @return what the walk found
     * @throws ImageDecodeException with {@code TRUNCATED} or {@code CORRUPT}
     */
    static Result scan(ImageFormat format, byte[] b, String source) {
        return switch (format) {
            case JPEG -> jpeg(b, source);
            case PNG -> png(b, source);
            case WEBP -> webp(b, source);
            case GIF -> gif(b, source);
            case TIFF -> new Result(-1, -1, b);
            case BMP -> new Result(-1, -1, null);
        };
    }

    // ---------------------------------------------------------------- JPEG

    private static Result jpeg(byte[] b, String source) {
        JpegFindings found = new JpegFindings();
        int pos = 2;
        while (true) {
            pos = afterNextMarker(b, pos, source);
            int marker = b[pos - 1] & 0xFF;
            if (marker == 0xD9) {
                return new Result(found.width, found.height, found.exif);
            }
            if (marker == 0x01 || marker == 0xD8 || (marker >= 0xD0 && marker <= 0xD7)) {
                continue; // markers without a segment
            }
            pos = afterSegment(b, pos, marker, found, source);
        }
    }

    /** What the JPEG walk has seen so far. */
    private static final class JpegFindings {
        int width = -1;
        int height = -1;
        byte[] exif;
        int scans;
    }

    /**
     * Finds the next marker: 0xFF followed by a code, after any stray bytes and 0xFF fill bytes
     * (which libjpeg skips with a warning). Returns the position after the code.
     */
    private static int afterNextMarker(byte[] b, int pos, String source) {
        while (pos < b.length && (b[pos] & 0xFF) != 0xFF) {
            pos++;
        }
        while (pos < b.length && (b[pos] & 0xFF) == 0xFF) {
            pos++;
        }
        if (pos >= b.length) {
            throw truncated(source, "JPEG ends without its end-of-image marker");
        }
        return pos + 1;
    }

    /**
     * Reads one segment (two length bytes counting themselves, then the payload) and, after a
     * start-of-scan segment, the entropy-coded data. Returns the position after both.
     */
    private static int afterSegment(
            byte[] b, int pos, int marker, JpegFindings found, String source) {
        if (pos + 2 > b.length) {
            throw truncated(source, "JPEG ends inside a marker segment");
        }
        int length = u16be(b, pos);
        if (length < 2) {
            throw corrupt(source, "JPEG segment 0xFF" + hex(marker) + " has length " + length);
        }
        if (pos + length > b.length) {
            throw truncated(source, "JPEG ends inside segment 0xFF" + hex(marker));
        }
        int payload = pos + 2;
        int end = pos + length;
        if (isSof(marker) && length >= 7) {
            found.height = u16be(b, payload + 1);
            found.width = u16be(b, payload + 3);
        } else if (marker == 0xE1 && found.exif == null && startsWith(b, payload, EXIF_PREFIX)) {
            found.exif = Arrays.copyOfRange(b, payload + EXIF_PREFIX.length, end);
        } else if (marker == 0xDA) {
            if (++found.scans > MAX_JPEG_SCANS) {
                throw corrupt(source, "JPEG has more than " + MAX_JPEG_SCANS + " scans");
            }
            return skipEntropyCodedData(b, end);
        }
        return end;
    }

    /** Returns the position of the first marker after entropy-coded data, or the end. */
    private static int skipEntropyCodedData(byte[] b, int pos) {
        while (pos + 1 < b.length) {
            if ((b[pos] & 0xFF) == 0xFF) {
                int next = b[pos + 1] & 0xFF;
                // 0xFF00 is a stuffed data byte, 0xFFD0..D7 are restart markers, 0xFFFF is fill.
                boolean insideScan = next == 0x00 || (next >= 0xD0 && next <= 0xD7) || next == 0xFF;
                if (!insideScan) {
                    return pos;
                }
            }
            pos++;
        }
        return b.length;
    }

    private static boolean isSof(int marker) {
        return marker >= 0xC0
                && marker <= 0xCF
                && marker != 0xC4
                && marker != 0xC8
                && marker != 0xCC;
    }

    // ---------------------------------------------------------------- PNG

    private static Result png(byte[] b, String source) {
        int width = -1;
        int height = -1;
        byte[] exif = null;
        byte[] iccp = null;
        int pos = 8;
        boolean first = true;
        while (true) {
            if (pos + 8 > b.length) {
                throw truncated(source, "PNG ends before its IEND chunk");
            }
            long length = u32be(b, pos);
            String type = new String(b, pos + 4, 4, StandardCharsets.ISO_8859_1);
            if (length > b.length - pos - 12L) {
                throw truncated(source, "PNG ends inside its " + printable(type) + " chunk");
            }
            int data = pos + 8;
            int end = data + (int) length;
            checkCrc(b, pos + 4, end, type, source);

            if (first) {
                if (!type.equals("IHDR") || length < 8) {
                    throw corrupt(source, "PNG does not start with an IHDR chunk");
                }
                width = checkedDimension(u32be(b, data), "width", source);
                height = checkedDimension(u32be(b, data + 4), "height", source);
                first = false;
            } else if (type.equals("eXIf") && exif == null) {
                exif = stripExifPrefix(Arrays.copyOfRange(b, data, end));
            } else if (type.equals("iCCP") && iccp == null) {
                iccp = Arrays.copyOfRange(b, data, end);
            } else if (type.equals("IEND")) {
                return new Result(width, height, exif, iccp, null);
            }
            pos = end + 4;
        }
    }

    /** Checks the CRC of critical chunks (upper-case first letter), as libpng does by default. */
    private static void checkCrc(byte[] b, int from, int end, String type, String source) {
        if (Character.isLowerCase(type.charAt(0))) {
            return;
        }
        CRC32 crc = new CRC32();
        crc.update(b, from, end - from);
        if (crc.getValue() != u32be(b, end)) {
            throw corrupt(source, "PNG " + printable(type) + " chunk fails its CRC check");
        }
    }

    private static int checkedDimension(long value, String name, String source) {
        if (value == 0 || value > Integer.MAX_VALUE) {
            throw corrupt(source, "PNG header declares " + name + " " + value);
        }
        return (int) value;
    }

    // ---------------------------------------------------------------- GIF

    /**
     * Walks to the end of the first frame's data. The JDK's GIF reader reports a frame cut short
     * only as a generic I/O error, so the walk tells truncation apart. Frames after the first are
     * not decoded and not checked.
     */
    private static Result gif(byte[] b, String source) {
        if (b.length < 13) {
            throw truncated(source, "GIF ends inside its screen descriptor");
        }
        int pos = 13 + colourTableSize(b[10]);
        while (true) {
            if (pos >= b.length) {
                throw truncated(source, "GIF ends before its first frame");
            }
            int block = b[pos] & 0xFF;
            if (block == 0x21) {
                pos = skipSubBlocks(b, pos + 2, source);
            } else if (block == 0x2C) {
                if (pos + 11 > b.length) {
                    throw truncated(source, "GIF ends inside its first frame's descriptor");
                }
                int data = pos + 10 + colourTableSize(b[pos + 9]) + 1; // + LZW code size byte
                skipSubBlocks(b, data, source);
                return gifScreen(b, pos);
            } else {
                throw corrupt(source, "GIF has block 0x" + hex(block) + " before any frame");
            }
        }
    }

    /**
     * The size to decode to: the logical screen, widened to hold the first frame (whose descriptor
     * starts at {@code frame}); with a placement unless the frame fills it exactly.
     */
    private static Result gifScreen(byte[] b, int frame) {
        int left = u16le(b, frame + 1);
        int top = u16le(b, frame + 3);
        int width = u16le(b, frame + 5);
        int height = u16le(b, frame + 7);
        int canvasWidth = Math.max(u16le(b, 6), left + width);
        int canvasHeight = Math.max(u16le(b, 8), top + height);
        FramePlacement placement =
                canvasWidth == width && canvasHeight == height
                        ? null
                        : new FramePlacement(canvasWidth, canvasHeight, left, top);
        return new Result(canvasWidth, canvasHeight, null, null, placement);
    }

    /** The size in bytes of the colour table a GIF flags byte announces (0 if none). */
    private static int colourTableSize(byte flags) {
        return (flags & 0x80) == 0 ? 0 : 3 << ((flags & 7) + 1);
    }

    /** Skips GIF data sub-blocks (a size byte, then that many bytes) up to the empty one. */
    private static int skipSubBlocks(byte[] b, int pos, String source) {
        while (true) {
            if (pos >= b.length) {
                throw truncated(source, "GIF ends inside a data block");
            }
            int size = b[pos] & 0xFF;
            pos += 1 + size;
            if (size == 0) {
                return pos;
            }
        }
    }

    // ---------------------------------------------------------------- WebP

    private static Result webp(byte[] b, String source) {
        long riffEnd = 8 + u32le(b, 4);
        if (riffEnd > b.length) {
            throw truncated(
                    source, "WebP declares " + riffEnd + " bytes but has " + b.length + " bytes");
        }
        byte[] exif = null;
        int pos = 12;
        while (pos + 8 <= riffEnd) {
            String type = new String(b, pos, 4, StandardCharsets.ISO_8859_1);
            long size = u32le(b, pos + 4);
            if (size > riffEnd - pos - 8) {
                throw truncated(source, "WebP ends inside its " + printable(type) + " chunk");
            }
            if (type.equals("EXIF") && exif == null) {
                exif = stripExifPrefix(Arrays.copyOfRange(b, pos + 8, pos + 8 + (int) size));
            }
            pos += 8 + (int) size + (int) (size & 1);
        }
        return new Result(-1, -1, exif);
    }

    // ---------------------------------------------------------------- helpers

    /** Some writers put JPEG's "Exif\0\0" in front of the TIFF structure in PNG and WebP too. */
    private static byte[] stripExifPrefix(byte[] exif) {
        return startsWith(exif, 0, EXIF_PREFIX)
                ? Arrays.copyOfRange(exif, EXIF_PREFIX.length, exif.length)
                : exif;
    }

    private static boolean startsWith(byte[] b, int offset, byte[] prefix) {
        if (offset + prefix.length > b.length) {
            return false;
        }
        return Arrays.equals(b, offset, offset + prefix.length, prefix, 0, prefix.length);
    }

    private static int u16be(byte[] b, int i) {
        return (b[i] & 0xFF) << 8 | (b[i + 1] & 0xFF);
    }

    private static int u16le(byte[] b, int i) {
        return (b[i] & 0xFF) | (b[i + 1] & 0xFF) << 8;
    }

    private static long u32be(byte[] b, int i) {
        return (long) u16be(b, i) << 16 | u16be(b, i + 2);
    }

    private static long u32le(byte[] b, int i) {
        return (b[i] & 0xFFL)
                | (b[i + 1] & 0xFFL) << 8
                | (b[i + 2] & 0xFFL) << 16
                | (b[i + 3] & 0xFFL) << 24;
    }

    private static String hex(int marker) {
        return String.format("%02X", marker);
    }

    /** Chunk types come from the file; show unprintable ones safely. */
    private static String printable(String type) {
        return type.chars().allMatch(c -> c >= 0x20 && c < 0x7F) ? type : "unnamed";
    }

    private static ImageDecodeException truncated(String source, String detail) {
        return new ImageDecodeException(source, Reason.TRUNCATED, detail, null);
    }

    private static ImageDecodeException corrupt(String source, String detail) {
        return new ImageDecodeException(source, Reason.CORRUPT, detail, null);
    }
}
