package dev.facekit.benchmarks.vggface;

import dev.facekit.benchmarks.BenchImages;
import dev.facekit.embed.Embedding;
import dev.facekit.image.RgbImage;
import dev.facekit.vggface.SavedModelEmbedder;
import dev.facekit.vggface.convert.Architecture;
import dev.facekit.vggface.convert.SyntheticWeights;
import dev.facekit.vggface.convert.VggFaceConverter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * Time of {@link SavedModelEmbedder#embedChips} for a batch of 224x224 chips, for each converted
 * keras-vggface network: VGG16 (with its classifier file, embedding fc7), ResNet-50 and
 * SE-ResNet-50 (notop files, embedding the average pool). Java preprocessing, the session call and
 * L2 normalisation are all inside the timed call.
 *
 * <p>The weights are generated (deterministic pseudo-random values of the published shapes, in the
 * keras-vggface HDF5 layout), since the real files cannot be fetched here; speed does not depend on
 * the values. The converted models are cached under {@code benchmarks/target/vggface-models/} (or
 * {@code -Dfacekit.bench.models=DIR}), so the conversion runs once per architecture, not once per
 * fork.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xmx4g"})
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
public class VggFaceEmbeddingBenchmark {

    /** The converted network. */
    @Param({"VGG16", "RESNET50", "SENET50"})
    public String architecture;

    /** Chips per call. */
    @Param({"1", "8", "32"})
    public int batch;

    private SavedModelEmbedder embedder;
    private List<RgbImage> chips;

    /**
     * Converts the generated weights (once per architecture, cached on disk) and loads the model.
     *
     * @throws IOException if the cache cannot be written
     */
    @Setup(Level.Trial)
    public void setUp() throws IOException {
        Architecture arch = Architecture.valueOf(architecture);
        embedder = SavedModelEmbedder.load(convertedModel(arch));
        chips = BenchImages.randomChips(batch, 224, batch);
    }

    /** Closes the model. */
    @TearDown(Level.Trial)
    public void tearDown() {
        embedder.close();
    }

    /**
     * Embeds the batch in one model call.
     *
     * @return the embeddings, consumed by JMH
     */
    @Benchmark
    public List<Embedding> embedBatch() {
        return embedder.embedChips(chips);
    }

    /**
     * Returns the converted model of the architecture with generated weights, converting it on the
     * first call and caching it under {@code facekit.bench.models}.
     *
     * @param arch the network
     * @return the SavedModel directory
     * @throws IOException if the cache cannot be written
     */
    public static Path convertedModel(Architecture arch) throws IOException {
        Path cache =
                Path.of(
                        System.getProperty(
                                "facekit.bench.models", "benchmarks/target/vggface-models"));
        Path model = cache.resolve(arch.name().toLowerCase(java.util.Locale.ROOT));
        if (Files.isRegularFile(model.resolve("facekit-model.json"))) {
            return model;
        }
        Files.createDirectories(cache);
        boolean top = arch == Architecture.VGG16;
        Path h5 = Files.createTempFile(cache, arch.name(), ".h5");
        try {
            SyntheticWeights.standard(arch, top, 1).write(h5);
            Path partial = cache.resolve(model.getFileName() + ".partial");
            deleteTree(partial);
            VggFaceConverter.convert(arch, h5, partial, null);
            Files.move(partial, model);
            return model;
        } finally {
            Files.deleteIfExists(h5);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var files = Files.walk(dir)) {
            for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
