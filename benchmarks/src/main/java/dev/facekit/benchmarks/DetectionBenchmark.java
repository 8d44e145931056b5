package dev.facekit.benchmarks;

import dev.facekit.detect.DetectedFace;
import dev.facekit.image.RgbImage;
import dev.facekit.mtcnn.MtcnnDetector;
import dev.facekit.mtcnn.StageClock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.runner.IterationType;

/**
 * Time of one {@link MtcnnDetector#detect} call with the bundled models and default options, per
 * image size ({@link BenchImages}: the shared data's resolution series and a 4000x3000 resize), on
 * the decoded image; decoding is timed by {@link DecodeBenchmark}.
 *
 * <p>Every call also goes through a {@link StageClock}, which sums the detector's own stage times
 * (pyramid and P-Net, R-Net, O-Net, post-processing) over the measurement iterations; at the end of
 * the trial the means are written to {@code detection-stages-SIZE.json} in the folder of the
 * property {@code facekit.bench.out} (default {@code benchmarks/target/results}), which {@link
 * Report} puts next to JMH's score. The clock costs two {@code nanoTime} calls per stage.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xmx4g"})
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
public class DetectionBenchmark {

    /** The image size, {@code WIDTHxHEIGHT}. */
    @Param({"427x240", "853x480", "1280x720", "1920x1080", "4000x3000"})
    public String size;

    private MtcnnDetector detector;
    private RgbImage image;
    private final StageClock clock = new StageClock();
    private boolean measuring;

    /** Loads the detector and the image of the size, and detects once. */
    @Setup(Level.Trial)
    public void setUp() {
        image = BenchImages.photo(size);
        detector = MtcnnDetector.create();
        detector.detect(image);
    }

    /**
     * Starts the stage sums afresh at the first measurement iteration, so that they cover the
     * measurement iterations only.
     *
     * @param params JMH's description of the coming iteration
     */
    @Setup(Level.Iteration)
    public void iteration(IterationParams params) {
        if (params.getType() == IterationType.MEASUREMENT && !measuring) {
            clock.reset();
            measuring = true;
        }
    }

    /**
     * Writes the stage means and closes the detector.
     *
     * @throws java.io.IOException if the file cannot be written
     */
    @TearDown(Level.Trial)
    public void tearDown() throws java.io.IOException {
        detector.close();
        double[] ms = clock.meanMillis();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("size", size);
        out.put("calls", clock.calls());
        out.put("faces", clock.meanFaces());
        out.put("pyramidPnetMs", ms[0]);
        out.put("rnetMs", ms[1]);
        out.put("onetMs", ms[2]);
        out.put("postMs", ms[3]);
        Results.write("detection-stages-" + size + ".json", out);
    }

    /**
     * Detects the faces of the image.
     *
     * @return the faces, so that the work is not optimised away
     */
    @Benchmark
    public List<DetectedFace> detect() {
        return clock.detect(detector, image);
    }
}
