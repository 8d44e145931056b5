package dev.facekit.benchmarks;

import dev.facekit.detect.DetectedFace;
import dev.facekit.image.RgbImage;
import dev.facekit.mtcnn.MtcnnDetector;
import java.util.List;
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
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Batch detection throughput: images per second when 1 or 2 threads call {@link
 * MtcnnDetector#detect} on one shared detector (it is thread-safe) back to back, on a decoded photo
 * of the size ({@link BenchImages}). TensorFlow's own thread pools (one worker per core by default)
 * are shared by the calling threads.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xmx4g"})
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
public class DetectionThroughputBenchmark {

    /** The image size, {@code WIDTHxHEIGHT}. */
    @Param({"853x480", "1920x1080"})
    public String size;

    private MtcnnDetector detector;
    private RgbImage image;

    /** Loads the detector and the image, and detects once. */
    @Setup(Level.Trial)
    public void setUp() {
        image = BenchImages.photo(size);
        detector = MtcnnDetector.create();
        detector.detect(image);
    }

    /** Closes the detector. */
    @TearDown(Level.Trial)
    public void tearDown() {
        detector.close();
    }

    /**
     * One thread detecting.
     *
     * @return the faces
     */
    @Benchmark
    @Threads(1)
    public List<DetectedFace> threads1() {
        return detector.detect(image);
    }

    /**
     * Two threads detecting on the same detector; the score is the sum over both.
     *
     * @return the faces
     */
    @Benchmark
    @Threads(2)
    public List<DetectedFace> threads2() {
        return detector.detect(image);
    }
}
