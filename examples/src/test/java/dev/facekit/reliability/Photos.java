package dev.facekit.reliability;

import dev.facekit.examples.Samples;
import dev.facekit.image.RgbImage;
import dev.facekit.testing.SharedData;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Random;

/**
 * Inputs for the reliability tests: the public-domain sample photos the examples module bundles
 * ({@link Samples}), photos from the shared data folder (only through {@link SharedData}, so that
 * nothing fails when it is absent), and generated images.
 */
final class Photos {

    /**
     * The portrait most tests use: one face of about 88 x 113 px in 512 x 512 (NASA, public
     * domain).
     */
    static final String PORTRAIT = Samples.ASTRONAUT;

    private Photos() {}

    /** Returns the bundled portrait, decoded. */
    static RgbImage portrait() {
        return Samples.read(PORTRAIT);
    }

    /** Returns the bundled portrait's file, copied into {@code dir}. */
    static Path portraitFile(Path dir) {
        return Samples.copyTo(PORTRAIT, dir);
    }

    /** Returns a decoded shared photo, or empty when the shared data is absent. */
    static Optional<RgbImage> shared(String relative) {
        return SharedData.present(relative)
                ? Optional.of(RgbImage.read(SharedData.root().resolve(relative)))
                : Optional.empty();
    }

    /** Returns the region of {@code image} with top-left corner (x, y) and the given size. */
    static RgbImage crop(RgbImage image, int x, int y, int width, int height) {
        byte[] px = new byte[3 * width * height];
        for (int row = 0; row < height; row++) {
            for (int col = 0; col < width; col++) {
                int c = image.rgb(x + col, y + row);
                int i = 3 * (row * width + col);
                px[i] = (byte) (c >> 16);
                px[i + 1] = (byte) (c >> 8);
                px[i + 2] = (byte) c;
            }
        }
        return RgbImage.ofRgb(width, height, px);
    }

    /** Returns the mean absolute difference of two images of the same size, over all samples. */
    static double meanAbsoluteDifference(RgbImage a, RgbImage b) {
        byte[] pa = a.toRgbBytes();
        byte[] pb = b.toRgbBytes();
        if (a.width() != b.width() || a.height() != b.height()) {
            throw new IllegalArgumentException(a + " and " + b + " differ in size");
        }
        long sum = 0;
        for (int i = 0; i < pa.length; i++) {
            sum += Math.abs((pa[i] & 0xFF) - (pb[i] & 0xFF));
        }
        return (double) sum / pa.length;
    }

    /** Uniform random RGB noise. */
    static RgbImage noise(int width, int height, long seed) {
        byte[] px = new byte[3 * width * height];
        new Random(seed).nextBytes(px);
        return RgbImage.ofRgb(width, height, px);
    }

    /**
     * Smooth random blobs: a few dozen Gaussian bumps of random colour on a gradient, which gives
     * P-Net and R-Net candidates (unlike flat images) without being a face.
     */
    static RgbImage blobs(int width, int height, long seed) {
        Random rnd = new Random(seed);
        float[] acc = new float[3 * width * height];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int i = 3 * (y * width + x);
                acc[i] = 255f * x / width;
                acc[i + 1] = 255f * y / height;
                acc[i + 2] = 128f;
            }
        }
        for (int b = 0; b < 40; b++) {
            float cx = rnd.nextFloat() * width;
            float cy = rnd.nextFloat() * height;
            float r = 4 + rnd.nextFloat() * Math.min(width, height) / 6f;
            float[] colour = {rnd.nextInt(256), rnd.nextInt(256), rnd.nextInt(256)};
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    float d2 = ((x - cx) * (x - cx) + (y - cy) * (y - cy)) / (r * r);
                    float w = (float) Math.exp(-d2);
                    int i = 3 * (y * width + x);
                    for (int c = 0; c < 3; c++) {
                        acc[i + c] = acc[i + c] * (1 - w) + colour[c] * w;
                    }
                }
            }
        }
        byte[] px = new byte[acc.length];
        for (int i = 0; i < px.length; i++) {
            px[i] = (byte) Math.max(0, Math.min(255, Math.round(acc[i])));
        }
        return RgbImage.ofRgb(width, height, px);
    }
}
