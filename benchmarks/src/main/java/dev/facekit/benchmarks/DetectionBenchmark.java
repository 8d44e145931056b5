package dev.facekit.benchmarks;

import dev.facekit.detect.DetectedFace;
import dev.facekit.image.Resampling;
import dev.facekit.image.RgbImage;
import dev.facekit.mtcnn.MtcnnDetector;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Time of one {@link MtcnnDetector#detect} call with the bundled models and default options, per
 * image size. The photos are the shared data's resolution series ({@code
 * faces/detection/face_recognition/obama-240p.jpg} to {@code -1080p.jpg}) and, for 4000x3000,
 * {@code faces/detection/deepface/couple.jpg} resized bilinearly. Without the shared data (property
 * {@code facekit.data}, variable {@code FACEKIT_DATA}, or {@code ../shared/data}) a seeded noise
 * image of the size is used instead, which has no faces and so times mostly the pyramid and P-Net.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xmx4g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 3)
public class DetectionBenchmark {

    /** The image size, {@code WIDTHxHEIGHT}. */
    @Param({"427x240", "853x480", "1280x720", "1920x1080", "4000x3000"})
    public String size;

    private MtcnnDetector detector;
    private RgbImage image;

    /** Loads the detector and the image of the size. */
    @Setup(Level.Trial)
    public void setUp() {
        String[] wh = size.split("x");
        int w = Integer.parseInt(wh[0]);
        int h = Integer.parseInt(wh[1]);
        image = photo(w, h);
        detector = MtcnnDetector.create();
        detector.detect(image);
    }

    /** Closes the detector. */
    @TearDown(Level.Trial)
    public void tearDown() {
        detector.close();
    }

    /**
     * Detects the faces of the image.
     *
     * @return the faces, so that the work is not optimised away
     */
    @Benchmark
    public List<DetectedFace> detect() {
        return detector.detect(image);
    }

    static RgbImage photo(int w, int h) {
        Path faces = dataRoot().resolve("faces/detection");
        Path series = faces.resolve("face_recognition/obama-" + h + "p.jpg");
        if (Files.isRegularFile(series)) {
            RgbImage img = RgbImage.read(series);
            if (img.width() == w && img.height() == h) {
                return img;
            }
        }
        Path large = faces.resolve("deepface/couple.jpg");
        if (w == 4000 && Files.isRegularFile(large)) {
            return Resampling.resize(RgbImage.read(large), w, h);
        }
        System.err.println("shared data absent: timing a noise image of " + w + "x" + h);
        byte[] px = new byte[3 * w * h];
        new Random(7).nextBytes(px);
        return RgbImage.ofRgb(w, h, px);
    }

    private static Path dataRoot() {
        String p = System.getProperty("facekit.data");
        if (p == null || p.isBlank()) {
            p = System.getenv("FACEKIT_DATA");
        }
        return Path.of(p == null || p.isBlank() ? "../shared/data" : p);
    }
}
