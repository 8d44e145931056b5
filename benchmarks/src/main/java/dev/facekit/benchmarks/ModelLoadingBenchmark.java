package dev.facekit.benchmarks;

import dev.facekit.benchmarks.vggface.VggFaceEmbeddingBenchmark;
import dev.facekit.mtcnn.MtcnnDetector;
import dev.facekit.vggface.SavedModelEmbedder;
import dev.facekit.vggface.convert.Architecture;
import java.io.IOException;
import java.nio.file.Path;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * Time to load a model and close it again: the bundled MTCNN detector (three SavedModels from the
 * jar), the bundled compact embedder, and the converted ResNet-50 and VGG16 (generated weights,
 * {@link VggFaceEmbeddingBenchmark#convertedModel}; the model files are in the OS page cache after
 * the first fork).
 *
 * <p>{@link #cold}: single shot in a fresh JVM per fork, no warm-up, so it includes loading the
 * TensorFlow runtime and the JIT's first pass over the loading code; run with several forks. {@link
 * #warm}: average over repeated loads in one JVM after warm-up loads.
 */
@State(Scope.Benchmark)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(
        value = 3,
        jvmArgsAppend = {"-Xmx4g"})
public class ModelLoadingBenchmark {

    /** The model loaded. */
    @Param({"mtcnn", "compact", "resnet50", "vgg16"})
    public String model;

    private Path dir;

    /**
     * Finds (or converts) the model directory of a VGGFace network; nothing to do for the bundled
     * ones.
     *
     * @throws IOException if a conversion cannot be written
     */
    @Setup(Level.Trial)
    public void setUp() throws IOException {
        if (model.equals("resnet50")) {
            dir = VggFaceEmbeddingBenchmark.convertedModel(Architecture.RESNET50);
        } else if (model.equals("vgg16")) {
            dir = VggFaceEmbeddingBenchmark.convertedModel(Architecture.VGG16);
        }
    }

    /**
     * The first load in a fresh JVM.
     *
     * @return the model's description
     */
    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @Warmup(iterations = 0)
    @Measurement(iterations = 1, batchSize = 1)
    public String cold() {
        return loadAndClose();
    }

    /**
     * A load in a JVM that has loaded the model before.
     *
     * @return the model's description
     */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @Fork(
            value = 1,
            jvmArgsAppend = {"-Xmx4g"})
    @Warmup(iterations = 2, time = 1)
    @Measurement(iterations = 3, time = 1)
    public String warm() {
        return loadAndClose();
    }

    private String loadAndClose() {
        switch (model) {
            case "mtcnn":
                try (MtcnnDetector d = MtcnnDetector.create()) {
                    return d.toString();
                }
            case "compact":
                try (SavedModelEmbedder e = SavedModelEmbedder.compact()) {
                    return e.toString();
                }
            default:
                try (SavedModelEmbedder e = SavedModelEmbedder.load(dir)) {
                    return e.toString();
                }
        }
    }
}
