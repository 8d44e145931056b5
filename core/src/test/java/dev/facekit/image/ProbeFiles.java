package dev.facekit.image;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/**
 * Writes the colour probe as PNG files for tools outside Java: {@code probe.png} (opaque) and
 * {@code probe-alpha.png} (the top-right quadrant fully transparent). Used by {@code
 * src/test/resources/dev/facekit/image/make-webp-fixtures.sh}, which makes the lossy WebP fixtures
 * with libwebp's {@code cwebp}, since no Java library writes WebP.
 */
public final class ProbeFiles {

    private ProbeFiles() {}

    /**
     * Writes the probe files.
     *
     * @param args the output directory
     * @throws IOException if a file cannot be written
     */
    public static void main(String[] args) throws IOException {
        Path dir = Files.createDirectories(Path.of(args[0]));
        ImageIO.write(
                Probe.buffered(BufferedImage.TYPE_INT_RGB),
                "png",
                dir.resolve("probe.png").toFile());
        ImageIO.write(withClearTopRight(), "png", dir.resolve("probe-alpha.png").toFile());
    }

    /** The probe with its top-right quadrant at alpha 0. */
    static BufferedImage withClearTopRight() {
        BufferedImage argb = Probe.buffered(BufferedImage.TYPE_INT_ARGB);
        for (int y = 0; y < 16; y++) {
            for (int x = 32; x < 64; x++) {
                argb.setRGB(x, y, argb.getRGB(x, y) & 0x00FFFFFF);
            }
        }
        return argb;
    }
}
