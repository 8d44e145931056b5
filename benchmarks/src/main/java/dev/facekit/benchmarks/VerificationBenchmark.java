package dev.facekit.benchmarks;

import dev.facekit.embed.Embedding;
import dev.facekit.embed.Metric;
import dev.facekit.embed.Threshold;
import dev.facekit.match.Comparison;
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
 * The comparison step of 1:1 verification: {@link Comparison#of} on two embeddings (distance under
 * the threshold's metric, cosine similarity, decision). Detection and embedding, which dominate a
 * full verification, are measured by their own benchmarks.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@State(Scope.Benchmark)
public class VerificationBenchmark {

    /** Components per embedding. */
    @Param({"128", "2048"})
    public int dimension;

    /** The metric of the threshold. */
    @Param({"EUCLIDEAN", "COSINE"})
    public Metric metric;

    private Embedding a;
    private Embedding b;
    private Threshold threshold;

    /** Draws the two embeddings. */
    @Setup(Level.Trial)
    public void setUp() {
        RandomVectors rnd = new RandomVectors(11L);
        a = rnd.unit("bench", dimension);
        b = rnd.unit("bench", dimension);
        threshold = new Threshold(metric, 0.6, "benchmark");
    }

    /**
     * Compares the pair.
     *
     * @return the comparison
     */
    @Benchmark
    public Comparison comparePair() {
        return Comparison.of(a, b, threshold);
    }
}
