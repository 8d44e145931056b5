package dev.facekit.benchmarks;

import dev.facekit.image.Resampling;
import dev.facekit.image.RgbImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import javax.imageio.ImageIO;

/**
 * The photos every detection benchmark and tool uses, by size {@code WIDTHxHEIGHT}: the shared
 * data's resolution series {@code
 * faces/detection/face_recognition/obama-{240p,480p,720p,1080p}.jpg} (427x240 to 1920x1080) and, as
 * the shared data holds no 12-megapixel photo, {@code faces/detection/deepface/couple.jpg}
 * (2280x1588) resized bilinearly to 4000x3000. Without the shared data (property {@code
 * facekit.data}, variable {@code FACEKIT_DATA}, or {@code ../shared/data}) a seeded noise image of
 * the size stands in, which has no faces and so times mostly the pyramid and P-Net; this is said on
 * stderr.
 */
public final class BenchImages {

    private BenchImages() {}

    /**
     * Returns the decoded photo of the size.
     *
     * @param size {@code WIDTHxHEIGHT}
     * @return the photo, or seeded noise without the shared data
     */
    public static RgbImage photo(String size) {
        int[] wh = parse(size);
        Path series = series(wh[1]);
        if (Files.isRegularFile(series)) {
            RgbImage img = RgbImage.read(series);
            if (img.width() == wh[0] && img.height() == wh[1]) {
                return img;
            }
        }
        Path large = dataRoot().resolve("faces/detection/deepface/couple.jpg");
        if (wh[0] == 4000 && wh[1] == 3000 && Files.isRegularFile(large)) {
            return Resampling.resize(RgbImage.read(large), wh[0], wh[1]);
        }
        System.err.println("shared data absent: using a noise image of " + size);
        byte[] px = new byte[3 * wh[0] * wh[1]];
        new Random(7).nextBytes(px);
        return RgbImage.ofRgb(wh[0], wh[1], px);
    }

    /**
     * Returns {@code count} square chips of seeded random pixels, the input of the embedding
     * benchmarks (their time does not depend on the pixel values).
     *
     * @param count how many chips
     * @param side the chips' width and height
     * @param seed the seed of the pixels
     * @return the chips
     */
    public static List<RgbImage> randomChips(int count, int side, long seed) {
        Random random = new Random(seed);
        List<RgbImage> chips = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            byte[] rgb = new byte[side * side * 3];
            random.nextBytes(rgb);
            chips.add(RgbImage.ofRgb(side, side, rgb));
        }
        return chips;
    }

    /**
     * Returns the encoded file of the size: the series JPEG as stored, or for sizes without a file
     * the JPEG that {@link ImageIO} writes (default quality) of {@link #photo}.
     *
     * @param size {@code WIDTHxHEIGHT}
     * @return the encoded bytes
     */
    public static byte[] encoded(String size) {
        int[] wh = parse(size);
        Path series = series(wh[1]);
        try {
            if (Files.isRegularFile(series) && photo(size).width() == wh[0]) {
                return Files.readAllBytes(series);
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            if (!ImageIO.write(photo(size).toBufferedImage(), "jpg", out)) {
                throw new IllegalStateException("no JPEG writer in this JDK");
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path series(int height) {
        return dataRoot().resolve("faces/detection/face_recognition/obama-" + height + "p.jpg");
    }

    private static int[] parse(String size) {
        String[] wh = size.split("x");
        if (wh.length != 2) {
            throw new IllegalArgumentException("size must be WIDTHxHEIGHT, got " + size);
        }
        return new int[] {Integer.parseInt(wh[0]), Integer.parseInt(wh[1])};
    }

    /**
     * Returns the shared data root.
     *
     * @return {@code facekit.data}, else {@code FACEKIT_DATA}, else {@code ../shared/data}
     */
    public static Path dataRoot() {
        String p = System.getProperty("facekit.data");
        if (p == null || p.isBlank()) {
            p = System.getenv("FACEKIT_DATA");
        }
        return Path.of(p == null || p.isBlank() ? "../shared/data" : p);
    }
}
