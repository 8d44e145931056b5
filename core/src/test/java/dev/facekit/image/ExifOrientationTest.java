package dev.facekit.image;

import static dev.facekit.image.Pixels.assertClose;
import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * All eight EXIF orientations: each file stores the probe turned or mirrored so that, with its
 * Orientation tag applied, the upright picture is the probe again. The stored pixels are made from
 * the tag's definition (where the stored first row and first column belong in the picture), the
 * opposite direction from the decoder's own mapping.
 */
class ExifOrientationTest {

    private static final ImageDecoder DECODER = ImageDecoder.defaults();

    /**
     * Where stored pixel (xs, ys) of a {@code w x h} stored image lands in the upright picture,
     * read off the EXIF definition of each tag ("row 0 is the visual top/bottom/left/right, column
     * 0 is the visual left/right/top/bottom").
     */
    private static int[] uprightPosition(int tag, int xs, int ys, int w, int h) {
        return switch (tag) {
            case 1 -> new int[] {xs, ys}; // row 0 top, column 0 left
            case 2 -> new int[] {w - 1 - xs, ys}; // row 0 top, column 0 right
            case 3 -> new int[] {w - 1 - xs, h - 1 - ys}; // row 0 bottom, column 0 right
            case 4 -> new int[] {xs, h - 1 - ys}; // row 0 bottom, column 0 left
            case 5 -> new int[] {ys, xs}; // row 0 left, column 0 top
            case 6 -> new int[] {h - 1 - ys, xs}; // row 0 right, column 0 top
            case 7 -> new int[] {h - 1 - ys, w - 1 - xs}; // row 0 right, column 0 bottom
            case 8 -> new int[] {ys, w - 1 - xs}; // row 0 left, column 0 bottom
            default -> throw new IllegalArgumentException("tag " + tag);
        };
    }

    /** The stored image whose upright picture, under the tag, is {@code upright}. */
    static RgbImage stored(RgbImage upright, int tag) {
        boolean swap = tag >= 5;
        int w = swap ? upright.height() : upright.width();
        int h = swap ? upright.width() : upright.height();
        byte[] px = new byte[3 * w * h];
        for (int ys = 0; ys < h; ys++) {
            for (int xs = 0; xs < w; xs++) {
                int[] u = uprightPosition(tag, xs, ys, w, h);
                int c = upright.rgb(u[0], u[1]);
                int i = 3 * (ys * w + xs);
                px[i] = (byte) (c >> 16);
                px[i + 1] = (byte) (c >> 8);
                px[i + 2] = (byte) c;
            }
        }
        return RgbImage.ofRgb(w, h, px);
    }

    @ParameterizedTest(name = "orientation {0}")
    @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8})
    void jpegWithBigEndianExifStandsUpright(int tag) {
        byte[] jpeg = jpegStored(tag, ByteOrder.BIG_ENDIAN);
        assertClose(DECODER.decode(jpeg, "test"), Probe.expected(), 4, 4);
    }

    @ParameterizedTest(name = "orientation {0}")
    @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8})
    void jpegWithLittleEndianExifStandsUpright(int tag) {
        byte[] jpeg = jpegStored(tag, ByteOrder.LITTLE_ENDIAN);
        assertClose(DECODER.decode(jpeg, "test"), Probe.expected(), 4, 4);
    }

    @ParameterizedTest(name = "orientation {0}")
    @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8})
    void tiffWithOrientationTagStandsUprightExactly(int tag) {
        byte[] tiff = Encoded.tiff(stored(Probe.expected(), tag), tag);
        assertThat(DECODER.decode(tiff, "test")).isEqualTo(Probe.expected());
    }

    @ParameterizedTest(name = "orientation {0}")
    @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8})
    void pngWithExifChunkStandsUprightExactly(int tag) {
        BufferedImage stored =
                Probe.toBuffered(stored(Probe.expected(), tag), BufferedImage.TYPE_INT_RGB);
        byte[] png = Encoded.write(stored, "png");
        byte[] withExif =
                Encoded.withPngChunk(
                        png, "eXIf", Encoded.exifOrientation(tag, ByteOrder.BIG_ENDIAN));

        assertThat(DECODER.decode(withExif, "test")).isEqualTo(Probe.expected());
    }

    @Test
    void storedPixelsDifferForEveryOrientation() {
        // Guards the test itself: eight different stored pictures, so no tag can pass by accident.
        java.util.Set<RgbImage> distinct = new java.util.HashSet<>();
        for (int tag = 1; tag <= 8; tag++) {
            distinct.add(stored(Probe.expected(), tag));
        }
        assertThat(distinct).hasSize(8);
    }

    @Test
    void rotationsByHandOnASixPixelImage() {
        // Stored 3 x 2:  a b c / d e f  (values 1..6).
        RgbImage stored = RgbImage.ofRgb(3, 2, grayBytes(1, 2, 3, 4, 5, 6));

        // 6: turn clockwise -> d a / e b / f c.
        assertThat(Orientation.RIGHT_TOP.apply(stored))
                .isEqualTo(RgbImage.ofRgb(2, 3, grayBytes(4, 1, 5, 2, 6, 3)));
        // 8: turn anticlockwise -> c f / b e / a d.
        assertThat(Orientation.LEFT_BOTTOM.apply(stored))
                .isEqualTo(RgbImage.ofRgb(2, 3, grayBytes(3, 6, 2, 5, 1, 4)));
        // 3: half turn -> f e d / c b a.
        assertThat(Orientation.BOTTOM_RIGHT.apply(stored))
                .isEqualTo(RgbImage.ofRgb(3, 2, grayBytes(6, 5, 4, 3, 2, 1)));
        // 5: transpose -> a d / b e / c f.
        assertThat(Orientation.LEFT_TOP.apply(stored))
                .isEqualTo(RgbImage.ofRgb(2, 3, grayBytes(1, 4, 2, 5, 3, 6)));
    }

    @Test
    void orientationOutsideOneToEightCountsAsUpright() {
        RgbImage probe = Probe.expected();
        byte[] png = Encoded.write(Probe.toBuffered(probe, BufferedImage.TYPE_INT_RGB), "png");
        for (int tag : new int[] {0, 9, 0xFFFF}) {
            byte[] withExif =
                    Encoded.withPngChunk(
                            png, "eXIf", Encoded.exifOrientation(tag, ByteOrder.LITTLE_ENDIAN));
            assertThat(DECODER.decode(withExif, "test")).as("tag %d", tag).isEqualTo(probe);
        }
    }

    @Test
    void garbledExifBlockIsIgnored() {
        byte[] plain = Encoded.jpeg(Probe.buffered(BufferedImage.TYPE_INT_RGB), 1f, false);
        byte[] garbage = "MM\0*\0\0\0\u00ffnot really an IFD".getBytes(StandardCharsets.ISO_8859_1);
        assertClose(
                DECODER.decode(Encoded.withJpegExif(plain, garbage), "test"),
                Probe.expected(),
                4,
                4);
    }

    @Test
    void exifEntryDeclaringFourBillionValuesDoesNotExhaustMemory() {
        // IFD0: Orientation = 6, then a LONG entry claiming 2^31 - 1 values at an absurd offset.
        ByteBuffer b = ByteBuffer.allocate(38).order(ByteOrder.BIG_ENDIAN);
        b.put((byte) 'M').put((byte) 'M').putShort((short) 42).putInt(8);
        b.putShort((short) 2);
        b.putShort((short) 0x0112)
                .putShort((short) 3)
                .putInt(1)
                .putShort((short) 6)
                .putShort((short) 0);
        b.putShort((short) 0x0111).putShort((short) 4).putInt(Integer.MAX_VALUE).putInt(0x7FFFFFF0);
        b.putInt(0);
        BufferedImage turned =
                Probe.toBuffered(stored(Probe.expected(), 6), BufferedImage.TYPE_INT_RGB);
        byte[] jpeg = Encoded.jpeg(turned, 1f, false);
        byte[] hostile = Encoded.withJpegExif(jpeg, b.array());

        RgbImage image =
                Assertions.assertTimeoutPreemptively(
                        Duration.ofSeconds(5), () -> DECODER.decode(hostile, "test"));

        // The bogus entry is skipped; the Orientation entry before it still applies.
        assertClose(image, Probe.expected(), 4, 4);
    }

    private static byte[] jpegStored(int tag, ByteOrder order) {
        BufferedImage stored =
                Probe.toBuffered(stored(Probe.expected(), tag), BufferedImage.TYPE_INT_RGB);
        byte[] jpeg = Encoded.jpeg(stored, 1f, false);
        return Encoded.withJpegExif(jpeg, Encoded.exifOrientation(tag, order));
    }

    private static byte[] grayBytes(int... values) {
        byte[] px = new byte[3 * values.length];
        for (int i = 0; i < values.length; i++) {
            px[3 * i] = px[3 * i + 1] = px[3 * i + 2] = (byte) values[i];
        }
        return px;
    }
}
