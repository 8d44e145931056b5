package dev.facekit.image;

import com.twelvemonkeys.imageio.metadata.Directory;
import com.twelvemonkeys.imageio.metadata.Entry;
import com.twelvemonkeys.imageio.metadata.tiff.TIFF;
import com.twelvemonkeys.imageio.metadata.tiff.TIFFReader;
import com.twelvemonkeys.imageio.stream.ByteArrayImageInputStream;
import java.io.IOException;
import javax.imageio.stream.ImageInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The eight values of the EXIF (TIFF) Orientation tag, 274, and how each turns the stored pixels
 * into the upright picture.
 *
 * <p>The tag says where the stored image's first row and first column lie in the picture as it is
 * meant to be seen. Value 6, for example, means the first stored row is the right-hand side of the
 * picture and the first stored column its top: the camera was turned, and the stored pixels must be
 * rotated 90 degrees clockwise to stand upright.
 */
enum Orientation {
    /** 1: stored upright. */
    TOP_LEFT(1),
    /** 2: mirrored left to right. */
    TOP_RIGHT(2),
    /** 3: turned half round. */
    BOTTOM_RIGHT(3),
    /** 4: mirrored top to bottom. */
    BOTTOM_LEFT(4),
    /** 5: mirrored about the main diagonal (transposed). */
    LEFT_TOP(5),
    /** 6: stored turned 90 degrees anticlockwise; shown by turning 90 degrees clockwise. */
    RIGHT_TOP(6),
    /** 7: mirrored about the anti-diagonal (transverse). */
    RIGHT_BOTTOM(7),
    /** 8: stored turned 90 degrees clockwise; shown by turning 90 degrees anticlockwise. */
    LEFT_BOTTOM(8);

    private static final Logger LOG = LoggerFactory.getLogger(Orientation.class);

    private final int tag;

    Orientation(int tag) {
        this.tag = tag;
    }

    /** Returns the value of the EXIF tag. */
    int tag() {
        return tag;
    }

    /** Returns whether the upright picture's width is the stored height. */
    boolean swapsAxes() {
        return tag >= 5;
    }

    /**
     * Returns the orientation for a tag value; values outside 1..8 count as upright, as every
     * viewer treats them.
     */
    static Orientation ofTag(int tag) {
        return tag >= 1 && tag <= 8 ? values()[tag - 1] : TOP_LEFT;
    }

    /**
     * Reads the Orientation tag from the first directory (IFD0) of an EXIF block.
     *
     * <p>An EXIF block that cannot be parsed does not make the picture unreadable: it counts as
     * upright, as it does in browsers and photo viewers, and is logged at DEBUG.
     *
     * @param exif the TIFF structure (byte order mark first), or {@code null}
     * @param source the input's name, for the log
     * @return the orientation, {@link #TOP_LEFT} when absent
     */
    static Orientation fromExif(byte[] exif, String source) {
        if (exif == null || exif.length < 8) {
            return TOP_LEFT;
        }
        try (ImageInputStream in = new ByteArrayImageInputStream(exif)) {
            Directory ifd0 = new TIFFReader().read(in);
            Entry entry = ifd0.getEntryById(TIFF.TAG_ORIENTATION);
            if (entry == null || !(entry.getValue() instanceof Number n)) {
                return TOP_LEFT;
            }
            return ofTag(n.intValue());
        } catch (IOException | RuntimeException e) {
            LOG.debug("{}: EXIF block unreadable, taken as upright: {}", source, e.toString());
            return TOP_LEFT;
        }
    }

    /**
     * Turns stored pixels upright.
     *
     * @param stored the image as stored in the file
     * @return the upright image ({@code stored} itself for {@link #TOP_LEFT})
     */
    RgbImage apply(RgbImage stored) {
        if (this == TOP_LEFT) {
            return stored;
        }
        int w = stored.width();
        int h = stored.height();
        int outW = swapsAxes() ? h : w;
        int outH = swapsAxes() ? w : h;
        byte[] in = stored.toRgbBytesShared();
        byte[] out = new byte[in.length];
        for (int y = 0; y < outH; y++) {
            for (int x = 0; x < outW; x++) {
                int s = 3 * sourceIndex(x, y, w, h);
                int o = 3 * (y * outW + x);
                out[o] = in[s];
                out[o + 1] = in[s + 1];
                out[o + 2] = in[s + 2];
            }
        }
        return RgbImage.wrap(outW, outH, out);
    }

    /** Returns the stored pixel index ({@code ys * w + xs}) that upright pixel (x, y) shows. */
    private int sourceIndex(int x, int y, int w, int h) {
        return switch (this) {
            case TOP_LEFT -> y * w + x;
            case TOP_RIGHT -> y * w + (w - 1 - x);
            case BOTTOM_RIGHT -> (h - 1 - y) * w + (w - 1 - x);
            case BOTTOM_LEFT -> (h - 1 - y) * w + x;
            case LEFT_TOP -> x * w + y;
            case RIGHT_TOP -> (h - 1 - x) * w + y;
            case RIGHT_BOTTOM -> (h - 1 - x) * w + (w - 1 - y);
            case LEFT_BOTTOM -> x * w + (w - 1 - y);
        };
    }
}
