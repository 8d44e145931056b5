package dev.facekit.benchmarks;

import dev.facekit.embed.Embedding;
import dev.facekit.embed.Metric;
import dev.facekit.match.Candidate;
import dev.facekit.match.Gallery;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.TimeUnit;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
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
 * next to passes over a float array of the same size that do nothing but read it: the time the
 * search would take if it were bound by memory bandwidth alone. Each benchmark and size runs in its
 * own JVM, so they never share the heap, and every fork runs with {@code --add-modules
 * jdk.incubator.vector}, as a user who wants the fastest search would.
 *
 * <ul>
 *   <li>{@link #identify}: the search as shipped: the SIMD kernel, split over every core.
 *   <li>{@link #identifyScalar}: the same without the Vector API ({@code
 *       -Dfacekit.gallery.vector=false}), what a JVM started without the module gets.
 *   <li>{@link #identifyOneThread}: SIMD on the calling thread alone ({@code
 *       -Dfacekit.gallery.threads=1}).
 *   <li>{@link #memoryPass}: a scalar sum with eight independent sums, one thread.
 *   <li>{@link #memoryPassVector}: a SIMD sum, one thread.
 *   <li>{@link #memoryPassParallel}: a SIMD sum split over every core, as the search splits its
 *       rows. On this machine class one core cannot saturate the memory bus, so this is the pass
 *       closest to the machine's memory bandwidth, and the one the report compares against.
 * </ul>
 *
 * <p>Sizes: 10k, 100k and 1M embeddings of 128 and 2,048 dimensions. The largest is 8.2 GB of
 * floats; the forks get {@code -Xmx10g}. Select a subset with JMH's {@code -p size=... -p
 * dimension=...}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xms1g", "-Xmx10g", "--add-modules", "jdk.incubator.vector"})
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
public class IdentificationBenchmark {

    /** How many distinct queries are cycled through, so that no result is cached. */
    static final int QUERIES = 16;

    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;

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
     * The same search with the scalar kernel, as in a JVM without the Vector API module.
     *
     * @param s the gallery
     * @return the candidates
     */
    @Benchmark
    @Fork(
            value = 1,
            jvmArgsAppend = {
                "-Xms1g",
                "-Xmx10g",
                "--add-modules",
                "jdk.incubator.vector",
                "-Dfacekit.gallery.vector=false"
            })
    public List<Candidate> identifyScalar(GalleryState s) {
        return identify(s);
    }

    /**
     * The same search on the calling thread alone.
     *
     * @param s the gallery
     * @return the candidates
     */
    @Benchmark
    @Fork(
            value = 1,
            jvmArgsAppend = {
                "-Xms1g",
                "-Xmx10g",
                "--add-modules",
                "jdk.incubator.vector",
                "-Dfacekit.gallery.threads=1"
            })
    public List<Candidate> identifyOneThread(GalleryState s) {
        return identify(s);
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
     * One SIMD pass summing every float of an array the size of the gallery's matrix, on one
     * thread, four vectors of sums at a time.
     *
     * @param s the array
     * @return the sum
     */
    @Benchmark
    public float memoryPassVector(ArrayState s) {
        return vectorSum(s.data, 0, s.data.length);
    }

    /**
     * The SIMD pass split into one run per core: the first on the calling thread, the others as
     * tasks of the common fork-join pool, as {@link Gallery#search} splits a large gallery.
     *
     * @param s the array
     * @return the sum
     */
    @Benchmark
    public float memoryPassParallel(ArrayState s) {
        float[] a = s.data;
        int parts = Runtime.getRuntime().availableProcessors();
        List<ForkJoinTask<Float>> others = new ArrayList<>();
        for (int p = 1; p < parts; p++) {
            int from = (int) ((long) a.length * p / parts);
            int to = (int) ((long) a.length * (p + 1) / parts);
            others.add(ForkJoinTask.adapt(() -> vectorSum(a, from, to)).fork());
        }
        float sum = vectorSum(a, 0, (int) ((long) a.length / parts));
        for (ForkJoinTask<Float> t : others) {
            sum += t.join();
        }
        return sum;
    }

    private static float vectorSum(float[] a, int from, int to) {
        int step = 4 * SPECIES.length();
        FloatVector s0 = FloatVector.zero(SPECIES);
        FloatVector s1 = s0;
        FloatVector s2 = s0;
        FloatVector s3 = s0;
        int i = from;
        for (; i + step <= to; i += step) {
            s0 = s0.add(FloatVector.fromArray(SPECIES, a, i));
            s1 = s1.add(FloatVector.fromArray(SPECIES, a, i + SPECIES.length()));
            s2 = s2.add(FloatVector.fromArray(SPECIES, a, i + 2 * SPECIES.length()));
            s3 = s3.add(FloatVector.fromArray(SPECIES, a, i + 3 * SPECIES.length()));
        }
        float sum = s0.add(s1).add(s2.add(s3)).reduceLanes(VectorOperators.ADD);
        for (; i < to; i++) {
            sum += a[i];
        }
        return sum;
    }
}
