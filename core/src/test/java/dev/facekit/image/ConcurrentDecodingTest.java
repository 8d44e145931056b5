package dev.facekit.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;

/** One decoder shared by eight threads gives exactly the results of sequential calls. */
class ConcurrentDecodingTest {

    @Test
    void eightThreadsSharingOneDecoderGetTheSequentialResults() throws Exception {
        List<byte[]> files = files();
        ImageDecoder decoder = ImageDecoder.defaults();
        List<RgbImage> sequential = new ArrayList<>();
        for (byte[] f : files) {
            sequential.add(decoder.decode(f, "sequential"));
        }

        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<RgbImage>> results = new ArrayList<>();
            for (int round = 0; round < 10; round++) {
                for (byte[] f : files) {
                    results.add(pool.submit(() -> decoder.decode(f, "concurrent")));
                }
            }
            for (int i = 0; i < results.size(); i++) {
                Future<RgbImage> r = results.get(i);
                RgbImage image =
                        Assertions.assertTimeoutPreemptively(Duration.ofSeconds(30), () -> r.get());
                assertThat(image)
                        .as("file %d", i % files.size())
                        .isEqualTo(sequential.get(i % files.size()));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * A JPEG with EXIF, a CMYK JPEG, a progressive JPEG, 16-bit and palette PNGs, GIF, TIFF, BMP.
     */
    private static List<byte[]> files() {
        BufferedImage probe = Probe.buffered(BufferedImage.TYPE_INT_RGB);
        BufferedImage turned =
                Probe.toBuffered(
                        ExifOrientationTest.stored(Probe.expected(), 8),
                        BufferedImage.TYPE_INT_RGB);
        BufferedImage gray16 = new BufferedImage(64, 8, BufferedImage.TYPE_USHORT_GRAY);
        for (int x = 0; x < 64; x++) {
            gray16.getRaster().setSample(x, 3, 0, x * 1000);
        }
        BufferedImage indexed = new BufferedImage(64, 48, BufferedImage.TYPE_BYTE_INDEXED);
        indexed.getGraphics().drawImage(probe, 0, 0, null);
        return List.of(
                Encoded.withJpegExif(
                        Encoded.jpeg(turned, 0.9f, false),
                        Encoded.exifOrientation(8, ByteOrder.BIG_ENDIAN)),
                Encoded.adobeJpeg(Cmyk.of(Probe.expected()), 64, 48, 2),
                Encoded.jpeg(probe, 0.8f, true),
                Encoded.write(gray16, "png"),
                Encoded.write(indexed, "png"),
                Encoded.write(indexed, "gif"),
                Encoded.write(probe, "tiff"),
                Encoded.write(probe, "bmp"));
    }
}
