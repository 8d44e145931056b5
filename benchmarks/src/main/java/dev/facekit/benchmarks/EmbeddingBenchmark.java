package dev.facekit.benchmarks;

import dev.facekit.embed.Embedding;
import dev.facekit.image.RgbImage;
import dev.facekit.vggface.SavedModelEmbedder;
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
 * Time to embed one batch of 150x150 chips with the bundled compact embedder ({@link
 * SavedModelEmbedder#compact()}): Java preprocessing, one session call, copying the embeddings out.
 * Divide the score by {@code batch} for the time per face. Chips are fixed pseudo-random pixels;
 * the network's cost does not depend on the content.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class EmbeddingBenchmark {

    /** Chips per call. */
    @Param({"1", "8", "32"})
    public int batch;

    private SavedModelEmbedder embedder;
    private List<RgbImage> chips;

    /** Loads the model and makes the chips. */
    @Setup(Level.Trial)
    public void setUp() {
        embedder = SavedModelEmbedder.compact();
        chips = BenchImages.randomChips(batch, 150, 42);
    }

    /** Closes the model. */
    @TearDown(Level.Trial)
    public void tearDown() {
        embedder.close();
    }

    /**
     * Embeds the batch.
     *
     * @return the embeddings, so that the work is not optimised away
     */
    @Benchmark
    public List<Embedding> embedBatch() {
        return embedder.embedChips(chips);
    }
}
