package dev.facekit.benchmarks;

import dev.facekit.embed.Embedding;
import dev.facekit.embed.Metric;
import dev.facekit.match.Candidate;
import dev.facekit.match.Gallery;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * Exact 1:N search ({@link Gallery#search}, top 5 by cosine) over galleries of random unit vectors,
 * next to one pass over a float array of the same size ({@link #memoryPass}): the time the search
 * would take if it were bound by memory bandwidth alone, and next to the same pass over an int
 * array ({@link #memoryPassInts}), which the JIT can vectorise. Each benchmark and size runs in its
 * own JVM, so they never share the heap.
 *
 * <p>Sizes: 10k, 100k and 1M embeddings of 128 and 2,048 dimensions. The largest is 8.2 GB of
 * floats; the forks get {@code -Xmx10g}. Select a subset with JMH's {@code -p size=... -p
 * dimension=...}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xms1g", "-Xmx10g"})
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
public class IdentificationBenchmark {

    /** How many distinct queries are cycled through, so that no result is cached. */
    static final int QUERIES = 16;

    /** Gallery sizes and dimensions, shared by both states. */
    @State(Scope.Benchmark)
    public static class Shape {
        /** Number of embeddings (one identity each). */
        @Param({"10000", "100000", "1000000"})
        public int size;

        /** Components per embedding. */
        @Param({"128", "2048"})
        public int dimension;
    }

    /** A gallery of random unit vectors and a few queries. */
    @State(Scope.Benchmark)
    public static class GalleryState {
        Gallery gallery;
        Embedding[] queries;
        int next;

        /**
         * Fills the gallery.
         *
         * @param shape size and dimension
         */
        @Setup(Level.Trial)
        public void fill(Shape shape) {
            RandomVectors rnd = new RandomVectors(20261203L);
            gallery = Gallery.create("bench", shape.dimension, shape.size);
            for (int i = 0; i < shape.size; i++) {
                gallery.add("id-" + i, rnd.unit("bench", shape.dimension));
            }
            queries = new Embedding[QUERIES];
            for (int i = 0; i < QUERIES; i++) {
                queries[i] = rnd.unit("bench", shape.dimension);
            }
        }
    }

    /** A float array as large as the gallery's matrix. */
    @State(Scope.Benchmark)
    public static class ArrayState {
        float[] data;

        /**
         * Fills the array.
         *
         * @param shape size and dimension
         */
        @Setup(Level.Trial)
        public void fill(Shape shape) {
            data = new float[shape.size * shape.dimension];
            RandomVectors rnd = new RandomVectors(7L);
            for (int i = 0; i < data.length; i++) {
                data[i] = rnd.nextFloat();
            }
        }
    }

    /** An int array of as many elements (so as many bytes) as the gallery's matrix. */
    @State(Scope.Benchmark)
    public static class IntArrayState {
        int[] data;

        /**
         * Fills the array.
         *
         * @param shape size and dimension
         */
        @Setup(Level.Trial)
        public void fill(Shape shape) {
            data = new int[shape.size * shape.dimension];
            RandomVectors rnd = new RandomVectors(9L);
            for (int i = 0; i < data.length; i++) {
                data[i] = Float.floatToRawIntBits(rnd.nextFloat());
            }
        }
    }

    /**
     * One query against the whole gallery: top 5 identities by cosine.
     *
     * @param s the gallery
     * @return the candidates
     */
    @Benchmark
    public List<Candidate> identify(GalleryState s) {
        Embedding q = s.queries[s.next++ & (QUERIES - 1)];
        return s.gallery.search(q, 5, Metric.COSINE);
    }

    /**
     * One pass summing every float of an array the size of the gallery's matrix, with eight
     * independent sums as the search's dot products use.
     *
     * @param s the array
     * @return the sum
     */
    @Benchmark
    public float memoryPass(ArrayState s) {
        float[] a = s.data;
        float s0 = 0f, s1 = 0f, s2 = 0f, s3 = 0f, s4 = 0f, s5 = 0f, s6 = 0f, s7 = 0f;
        int end = a.length & ~7;
        for (int i = 0; i < end; i += 8) {
            s0 += a[i];
            s1 += a[i + 1];
            s2 += a[i + 2];
            s3 += a[i + 3];
            s4 += a[i + 4];
            s5 += a[i + 5];
            s6 += a[i + 6];
            s7 += a[i + 7];
        }
        for (int i = end; i < a.length; i++) {
            s0 += a[i];
        }
        return ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7));
    }

    /**
     * One pass summing every int of an array as large as the gallery's matrix. Unlike a float sum,
     * which must keep its order, an int sum may be vectorised by the JIT (SIMD reduction), so this
     * pass can be limited by memory rather than by additions; the report takes the faster pass.
     *
     * @param s the array
     * @return the sum
     */
    @Benchmark
    public int memoryPassInts(IntArrayState s) {
        int sum = 0;
        for (int v : s.data) {
            sum += v;
        }
        return sum;
    }
}
