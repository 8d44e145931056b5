package dev.facekit.benchmarks;

import dev.facekit.detect.DetectedFace;
import dev.facekit.embed.Embedding;
import dev.facekit.image.RgbImage;
import dev.facekit.mtcnn.MtcnnDetector;
import dev.facekit.vggface.SavedModelEmbedder;
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
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Latency of the first call after loading, in a fresh JVM per fork (single shot, no warm-up; the
 * model is loaded in the untimed setup): the first {@link MtcnnDetector#detect} of the 853x480
 * photo and the first {@link SavedModelEmbedder#embedChips} of one chip with the compact model.
 * TensorFlow prepares its kernels on a session's first run, so this is slower than the steady state
 * that {@link DetectionBenchmark} and {@link EmbeddingBenchmark} measure.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(
        value = 3,
        jvmArgsAppend = {"-Xmx4g"})
@Warmup(iterations = 0)
@Measurement(iterations = 1, batchSize = 1)
public class FirstCallBenchmark {

    private MtcnnDetector detector;
    private SavedModelEmbedder embedder;
    private RgbImage image;
    private List<RgbImage> chip;

    /** Loads both models and prepares the inputs. */
    @Setup(Level.Trial)
    public void setUp() {
        detector = MtcnnDetector.create();
        embedder = SavedModelEmbedder.compact();
        image = BenchImages.photo("853x480");
        byte[] rgb = new byte[150 * 150 * 3];
        new Random(42).nextBytes(rgb);
        chip = List.of(RgbImage.ofRgb(150, 150, rgb));
    }

    /** Closes both models. */
    @TearDown(Level.Trial)
    public void tearDown() {
        detector.close();
        embedder.close();
    }

    /**
     * The detector's first call.
     *
     * @return the faces
     */
    @Benchmark
    public List<DetectedFace> firstDetect() {
        return detector.detect(image);
    }

    /**
     * The compact embedder's first call, batch 1.
     *
     * @return the embedding
     */
    @Benchmark
    public List<Embedding> firstEmbed() {
        return embedder.embedChips(chip);
    }
}
