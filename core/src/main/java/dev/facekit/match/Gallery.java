package dev.facekit.match;

import dev.facekit.embed.Embedding;
import dev.facekit.embed.Metric;
import dev.facekit.internal.Forks;
import dev.facekit.match.Kernels.DotKernel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.slf4j.LoggerFactory;

/**
 * Identities and their embeddings, all of one model and one dimension, searched exactly.
 *
 * <p><b>Identities.</b> An identity is a non-blank name of at most 65,535 UTF-8 bytes, compared
 * exactly (case and spaces matter). {@link #add} creates an identity or, when it exists, adds the
 * embeddings to it: enrolling the same name twice gives one identity with every embedding, never
 * two identities. {@link #remove} deletes an identity with all its embeddings. {@link
 * #identities()} lists them in the order they were first added.
 *
 * <p><b>Search.</b> {@link #search} scores every embedding in the gallery; the score of an identity
 * is its <em>best</em> match over its embeddings (the smallest distance), and the top {@code k}
 * identities come back best first. Ties are decided by which identity's best embedding was added
 * first, both for which identities make the cut at {@code k} and for their order, so the first
 * answer never depends on {@code k}. All vectors live in one contiguous row-major {@code float[]}
 * that grows by doubling; vectors are stored as given (not normalised) together with their norms,
 * so that the cosine similarity is one dot product per row, {@code q.x / (|q| |x|)}; the Euclidean
 * distance is summed from the differences, so that its rounding stays relative to the distance
 * however far from the origin the embeddings lie. Selection uses single-precision scores; the
 * reported distances and similarities of the candidates are recomputed in double precision exactly
 * as {@link Embedding} computes them.
 *
 * <p><b>Speed.</b> Cosine dot products run four rows at a time, Euclidean distances one row at a
 * time, both with SIMD through the incubating Vector API when the JVM is started with {@code
 * --add-modules jdk.incubator.vector} (otherwise, or with {@code -Dfacekit.gallery.vector=false},
 * with scalar fused multiply-adds where the JVM compiles them to one instruction; {@code
 * -Dfacekit.gallery.fma=false} turns those off). A gallery of at least two runs of 2<sup>20</sup>
 * floats (4 MiB) is split into runs of consecutive rows, one per core (at most {@code
 * -Dfacekit.gallery.threads}), searched at once: the first by the calling thread, the others as
 * tasks of the fork-join pool the caller runs in, else the common pool. The runs' results are
 * merged into exactly what one scan gives, ties included. Besides its {@code k} candidates, a
 * search allocates about a kilobyte per run, whatever the gallery's size; for {@code k} above 64 it
 * keeps every identity's best score instead (8 bytes per identity and run, then one sort), so that
 * its time does not grow with {@code k} squared.
 *
 * <p><b>Thread safety.</b> Thread-safe. Readers ({@link #search}, {@link #identities()}, {@link
 * #save}, ...) take no lock: they read an immutable snapshot published through a volatile field, so
 * they never block each other nor wait for writers. Writers ({@link #add}, {@link #remove}) take
 * one lock among themselves; adding appends rows past the end of the published snapshot (or into a
 * fresh, doubled array) and then publishes a new snapshot, and removing builds compacted copies, so
 * a reader sees each write entirely or not at all.
 *
 * <p><b>Capacity.</b> At most {@code (Integer.MAX_VALUE - 8) / dimension} embeddings, the largest
 * Java array; that is 1,048,575 embeddings of 2,048 dimensions (8 GiB of heap).
 */
public final class Gallery {

    static final int MAX_NAME_BYTES = 0xFFFF;

    /** Rows scored per call of the kernel. */
    static final int BLOCK = 256;

    /**
     * Above this {@code k}, a search keeps every identity's best score in an array (one pass, then
     * a sort) instead of a top-k list, whose insertions cost {@code O(k)} each.
     */
    static final int LARGE_K = 64;

    /** The fewest floats a run of rows that a search hands to another thread holds (4 MiB). */
    static final long PARALLEL_MIN_FLOATS = 1L << 20;

    /** The most threads one search uses: {@code facekit.gallery.threads}, else every core. */
    static final int THREADS = threads();

    private static final int DEFAULT_CAPACITY = 16;

    private final String model;
    private final int dimension;
    private final int maxRows;
    private final ReentrantLock writeLock = new ReentrantLock();
    // Written under writeLock: identity name -> index into the current snapshot's names. Readers
    // use it as a hint only and confirm it against their own snapshot (see indexOf).
    private final Map<String, Integer> index = new ConcurrentHashMap<>();
    // Guarded by writeLock: the number of embeddings of each identity, by index.
    private int[] counts = new int[DEFAULT_CAPACITY];
    private volatile Snapshot current;

    private Gallery(String model, int dimension, int capacity) {
        this.model = model;
        this.dimension = dimension;
        this.maxRows = (Integer.MAX_VALUE - 8) / dimension;
        this.current = Snapshot.empty(dimension, Math.min(Math.max(capacity, 1), maxRows));
    }

    /**
     * Returns an empty gallery for one model.
     *
     * @param model the model name every embedding must carry
     * @param dimension the dimension every embedding must have, {@code > 0}
     * @return the gallery
     * @throws IllegalArgumentException if the model name is blank or the dimension not positive
     */
    public static Gallery create(String model, int dimension) {
        return create(model, dimension, DEFAULT_CAPACITY);
    }

    /**
     * Returns an empty gallery with room for {@code capacity} embeddings before it first grows;
     * useful to fill large galleries without the copies that doubling makes.
     *
     * @param model the model name every embedding must carry
     * @param dimension the dimension every embedding must have, {@code > 0}
     * @param capacity the number of embeddings to reserve room for, {@code >= 0}
     * @return the gallery
     * @throws IllegalArgumentException if an argument is out of range
     */
    public static Gallery create(String model, int dimension, int capacity) {
        if (model == null || model.isBlank()) {
            throw new IllegalArgumentException("model name must not be blank");
        }
        if (model.getBytes(StandardCharsets.UTF_8).length > MAX_NAME_BYTES) {
            throw new IllegalArgumentException("model name is longer than 65535 UTF-8 bytes");
        }
        if (dimension <= 0) {
            throw new IllegalArgumentException("dimension must be > 0, got " + dimension);
        }
        if (capacity < 0) {
            throw new IllegalArgumentException("capacity must be >= 0, got " + capacity);
        }
        return new Gallery(model, dimension, capacity);
    }

    /**
     * Reads a gallery saved by {@link #save}. The whole file is verified (format, version,
     * checksum, structure) before anything is returned.
     *
     * @param file the gallery file
     * @return the gallery it holds
     * @throws GalleryFormatException if the file is not a valid gallery file, or cannot be read
     */
    public static Gallery load(Path file) {
        GalleryFile.Contents c = GalleryFile.read(file);
        Gallery g = new Gallery(c.model(), c.dimension(), 1);
        g.writeLock.lock();
        try {
            g.adopt(c.snapshot());
        } finally {
            g.writeLock.unlock();
        }
        return g;
    }

    /**
     * Saves the gallery atomically: it is written to a temporary file in the same directory,
     * flushed and synced to the device, then renamed over {@code file}, and the directory is synced
     * where the platform allows. A crash at any moment leaves either the previous file or the new
     * one. The snapshot saved is the one current when the call starts; adding and searching may go
     * on meanwhile. See {@code core/GALLERY.md} for the format.
     *
     * @param file the target file; its directory must exist
     * @throws java.io.UncheckedIOException if writing fails (the previous file is left intact)
     */
    public void save(Path file) {
        GalleryFile.write(file, model, dimension, current);
    }

    /** Returns the model name every embedding of this gallery carries. */
    public String model() {
        return model;
    }

    /** Returns the dimension of every embedding. */
    public int dimension() {
        return dimension;
    }

    /** Returns the number of identities. */
    public int size() {
        return current.identities;
    }

    /** Returns whether the gallery holds no identity. */
    public boolean isEmpty() {
        return current.identities == 0;
    }

    /** Returns the number of embeddings over all identities. */
    public int embeddingCount() {
        return current.rows;
    }

    /**
     * Returns the identities in the order they were first added, as an unmodifiable list taken from
     * one snapshot.
     */
    public List<String> identities() {
        Snapshot s = current;
        return List.of(Arrays.copyOf(s.names, s.identities));
    }

    /**
     * Returns whether an identity is enrolled.
     *
     * @param identity the name
     * @return whether it is in the gallery
     */
    public boolean contains(String identity) {
        return indexOf(current, identity) >= 0;
    }

    /**
     * Returns the embeddings of one identity, in the order they were added.
     *
     * @param identity the name
     * @return its embeddings; empty when the identity is not enrolled
     */
    public List<Embedding> embeddings(String identity) {
        Snapshot s = current;
        int id = indexOf(s, identity);
        List<Embedding> out = new ArrayList<>();
        for (int r = 0; id >= 0 && r < s.rows; r++) {
            if (s.owner[r] == id) {
                int off = r * dimension;
                out.add(new Embedding(model, Arrays.copyOfRange(s.data, off, off + dimension)));
            }
        }
        return out;
    }

    /**
     * Adds embeddings to an identity, creating it when it is new. Either all embeddings are added
     * or, when one is invalid, none.
     *
     * @param identity the name: not blank, at most 65,535 UTF-8 bytes
     * @param embeddings at least one embedding of this gallery's model and dimension
     * @return the number of embeddings the identity holds afterwards
     * @throws IllegalArgumentException if the identity is null or blank or too long, no embedding
     *     is given, or an embedding is null or of another model or dimension
     * @throws IllegalStateException if the gallery has reached its capacity
     */
    public int add(String identity, List<Embedding> embeddings) {
        requireIdentity(identity);
        if (embeddings == null || embeddings.isEmpty()) {
            throw new IllegalArgumentException(
                    "no embedding given for identity '" + identity + "'");
        }
        for (int i = 0; i < embeddings.size(); i++) {
            requireCompatible(embeddings.get(i), "embedding " + i + " of '" + identity + "'");
        }
        writeLock.lock();
        try {
            return append(identity, embeddings);
        } finally {
            writeLock.unlock();
        }
    }

    /**
     * Adds embeddings to an identity; see {@link #add(String, List)}.
     *
     * @param identity the name
     * @param embeddings at least one embedding
     * @return the number of embeddings the identity holds afterwards
     */
    public int add(String identity, Embedding... embeddings) {
        return add(identity, embeddings == null ? null : Arrays.asList(embeddings));
    }

    /**
     * Removes an identity and all its embeddings.
     *
     * @param identity the name
     * @return whether it was enrolled
     * @throws IllegalArgumentException if the identity is null
     */
    public boolean remove(String identity) {
        if (identity == null) {
            throw new IllegalArgumentException("identity must not be null");
        }
        writeLock.lock();
        try {
            Integer id = index.get(identity);
            if (id == null) {
                return false;
            }
            adopt(current.without(id));
            return true;
        } finally {
            writeLock.unlock();
        }
    }

    /**
     * Replaces the whole content of this gallery with a copy of another's, in one step that readers
     * see entirely or not at all.
     *
     * @param other a gallery of the same model and dimension
     * @throws IllegalArgumentException if the model or dimension differs
     */
    public void replaceWith(Gallery other) {
        if (!other.model.equals(model) || other.dimension != dimension) {
            throw new IllegalArgumentException(
                    "cannot replace a gallery of "
                            + describe(model, dimension)
                            + " with one of "
                            + describe(other.model, other.dimension));
        }
        Snapshot copy = other.current.copy();
        writeLock.lock();
        try {
            adopt(copy);
        } finally {
            writeLock.unlock();
        }
    }

    /**
     * Returns the {@code k} identities nearest to a query, best first.
     *
     * @param query an embedding of this gallery's model and dimension
     * @param k how many identities to return at most, {@code > 0}; fewer come back when the gallery
     *     holds fewer
     * @param metric the metric to rank by
     * @return the candidates, smallest distance first; empty for an empty gallery
     * @throws IllegalArgumentException if {@code k <= 0}, the metric is null, or the query is null
     *     or of another model or dimension
     */
    public List<Candidate> search(Embedding query, int k, Metric metric) {
        requireCompatible(query, "query");
        if (k <= 0) {
            throw new IllegalArgumentException("k must be > 0, got " + k);
        }
        if (metric == null) {
            throw new IllegalArgumentException("metric must not be null");
        }
        Snapshot s = current;
        int kept = Math.min(k, s.identities);
        if (kept == 0) {
            return List.of();
        }
        TopK top =
                scan(s, query, metric, kept, Kernels.SELECTED, parts(s.rows, dimension, THREADS));
        return top.candidates(s, query, metric, model);
    }

    /**
     * Scores every row against a query and keeps the best {@code k} identities. The rows are split
     * into {@code parts} runs of consecutive rows, scanned at once (the first by the calling
     * thread, the others as tasks of the fork-join pool the caller runs in, else the common pool)
     * and merged; the result is the same as one scan's.
     */
    TopK scan(Snapshot s, Embedding query, Metric metric, int k, DotKernel kernel, int parts) {
        float[] q = query.vector();
        boolean cosine = metric == Metric.COSINE;
        if (cosine) {
            float inv = (float) (1.0 / query.norm());
            for (int i = 0; i < q.length; i++) {
                q[i] *= inv;
            }
        }
        int rows = s.rows;
        int runs = parts <= 1 || rows < parts ? 1 : parts;
        if (k > LARGE_K) {
            List<Best> found =
                    inRuns(rows, runs, (from, to) -> scanBest(s, q, cosine, kernel, from, to));
            return Best.merge(found).top(k, s.owner);
        }
        List<TopK> found =
                inRuns(rows, runs, (from, to) -> scanRows(s, q, cosine, k, kernel, from, to));
        return found.size() == 1 ? found.get(0) : TopK.merge(found, k);
    }

    /** Work over one run of consecutive rows {@code [from, to)}. */
    private interface RowRun<T> {
        T scan(int from, int to);
    }

    /** Splits rows {@code [0, rows)} into {@code runs} runs, scanned at once, in row order. */
    private static <T> List<T> inRuns(int rows, int runs, RowRun<T> work) {
        List<Supplier<T>> pieces = new ArrayList<>(runs);
        for (int p = 0; p < runs; p++) {
            int from = bound(rows, runs, p);
            int to = bound(rows, runs, p + 1);
            pieces.add(() -> work.scan(from, to));
        }
        return runs == 1 ? List.of(pieces.get(0).get()) : Forks.all(pieces);
    }

    /**
     * For large {@code k}: every identity's best score and the first row that reached it, over rows
     * {@code [from, to)}. One pass and two arrays of one entry per identity, where the top-k list
     * would cost {@code O(k)} per row.
     */
    private Best scanBest(
            Snapshot s, float[] q, boolean cosine, DotKernel kernel, int from, int to) {
        int[] owner = s.owner;
        float[] scores = new float[BLOCK];
        Best best = new Best(s.identities);
        for (int r0 = from; r0 < to; r0 += BLOCK) {
            int n = Math.min(BLOCK, to - r0);
            scores(s, q, cosine, kernel, r0, n, scores);
            for (int j = 0; j < n; j++) {
                int r = r0 + j;
                float score = scores[j];
                int id = owner[r];
                if (score > best.score[id]) {
                    best.score[id] = score;
                    best.row[id] = r;
                }
            }
        }
        return best;
    }

    /** Every identity's best score so far and its first row reaching it ({@code -1}: none yet). */
    static final class Best {
        final float[] score;
        final int[] row;

        Best(int identities) {
            score = new float[identities];
            row = new int[identities];
            Arrays.fill(score, Float.NEGATIVE_INFINITY);
            Arrays.fill(row, -1);
        }

        /** Merges runs given in row order: the higher score, the earlier run on a tie. */
        static Best merge(List<Best> runs) {
            Best out = runs.get(0);
            for (int p = 1; p < runs.size(); p++) {
                Best b = runs.get(p);
                for (int id = 0; id < out.score.length; id++) {
                    if (b.score[id] > out.score[id]) {
                        out.score[id] = b.score[id];
                        out.row[id] = b.row[id];
                    }
                }
            }
            return out;
        }

        /** The best {@code k} identities: by score, then by the row that reached it first. */
        TopK top(int k, int[] owner) {
            int count = 0;
            long[] keys = new long[score.length];
            for (int id = 0; id < score.length; id++) {
                if (row[id] >= 0) {
                    int bits = Float.floatToIntBits(score[id]);
                    int ordered = bits ^ ((bits >> 31) & 0x7fffffff); // signed order = float order
                    keys[count++] = ((long) ~ordered << 32) | row[id];
                }
            }
            Arrays.sort(keys, 0, count);
            TopK top = new TopK(Math.min(k, count));
            for (int i = 0; i < top.ids.length; i++) {
                int r = (int) keys[i];
                top.ids[i] = owner[r];
                top.rows[i] = r;
                top.scores[i] = score[owner[r]];
                top.n++;
            }
            return top;
        }
    }

    /**
     * Returns into how many runs a scan of {@code rows} rows is split: one per thread, but none
     * shorter than {@link #PARALLEL_MIN_FLOATS} floats, since a task costs tens of microseconds.
     */
    static int parts(int rows, int dimension, int threads) {
        long floats = (long) rows * dimension;
        return (int) Math.max(1, Math.min(threads, floats / PARALLEL_MIN_FLOATS));
    }

    private static int bound(int rows, int parts, int p) {
        return (int) ((long) rows * p / parts);
    }

    // Score, higher is better: the cosine similarity, or minus the squared Euclidean distance,
    // computed from the differences (not as |q|^2 + |x|^2 - 2 q.x, whose float rounding grows with
    // the norms and would misorder rows of embeddings far from the origin).
    private TopK scanRows(
            Snapshot s, float[] q, boolean cosine, int k, DotKernel kernel, int from, int to) {
        int[] owner = s.owner;
        float[] scores = new float[BLOCK];
        TopK top = new TopK(k);
        float floor = Float.NEGATIVE_INFINITY;
        for (int r0 = from; r0 < to; r0 += BLOCK) {
            int n = Math.min(BLOCK, to - r0);
            scores(s, q, cosine, kernel, r0, n, scores);
            for (int j = 0; j < n; j++) {
                if (scores[j] > floor) {
                    floor = top.offer(owner[r0 + j], r0 + j, scores[j]);
                }
            }
        }
        return top;
    }

    /** Sets {@code out[j]} to the score of row {@code r0 + j}, for {@code j} in {@code [0, n)}. */
    private void scores(
            Snapshot s, float[] q, boolean cosine, DotKernel kernel, int r0, int n, float[] out) {
        if (cosine) {
            kernel.dots(q, s.data, r0, n, dimension, out);
            for (int j = 0; j < n; j++) {
                out[j] *= s.invNorms[r0 + j];
            }
        } else {
            kernel.squaredDistances(q, s.data, r0, n, dimension, out);
            for (int j = 0; j < n; j++) {
                out[j] = -out[j];
            }
        }
        for (int j = 0; j < n; j++) {
            if (!(out[j] >= -Float.MAX_VALUE)) {
                // A distance past float's range (or NaN from one): still a candidate, ranked
                // last, so that k identities come back whenever the gallery holds k.
                out[j] = -Float.MAX_VALUE;
            }
        }
    }

    // Called with writeLock held.
    private int append(String identity, List<Embedding> embeddings) {
        Snapshot s = current;
        int n = embeddings.size();
        if ((long) s.rows + n > maxRows) {
            throw new IllegalStateException(
                    "gallery is full: at most "
                            + maxRows
                            + " embeddings of dimension "
                            + dimension
                            + " fit in one array");
        }
        Integer existing = index.get(identity);
        int id = existing != null ? existing : s.identities;
        Snapshot grown = s.withRoom(s.rows + n, existing == null ? s.identities + 1 : 0, maxRows);
        if (existing == null) {
            grown.names[id] = identity;
        }
        for (int j = 0; j < n; j++) {
            grown.put(s.rows + j, id, embeddings.get(j));
        }
        current = grown.resized(s.rows + n, existing == null ? s.identities + 1 : s.identities);
        index.put(identity, id);
        if (id >= counts.length) {
            counts = Arrays.copyOf(counts, Math.max(id + 1, 2 * counts.length));
        }
        counts[id] += n;
        return counts[id];
    }

    // Called with writeLock held (or on a gallery nobody else sees yet).
    private void adopt(Snapshot s) {
        index.clear();
        for (int i = 0; i < s.identities; i++) {
            index.put(s.names[i], i);
        }
        counts = new int[Math.max(s.identities, DEFAULT_CAPACITY)];
        for (int r = 0; r < s.rows; r++) {
            counts[s.owner[r]]++;
        }
        current = s;
    }

    Snapshot snapshot() {
        return current;
    }

    private int indexOf(Snapshot s, String identity) {
        if (identity == null) {
            return -1;
        }
        Integer hint = index.get(identity);
        if (hint != null && hint < s.identities && s.names[hint].equals(identity)) {
            return hint;
        }
        // The index may already describe a newer snapshot than this reader's: look it up here.
        for (int i = 0; i < s.identities; i++) {
            if (s.names[i].equals(identity)) {
                return i;
            }
        }
        return -1;
    }

    private void requireCompatible(Embedding e, String what) {
        if (e == null) {
            throw new IllegalArgumentException(what + " must not be null");
        }
        if (!e.model().equals(model) || e.dimension() != dimension) {
            throw new IllegalArgumentException(
                    what
                            + " is of "
                            + describe(e.model(), e.dimension())
                            + " but the gallery holds "
                            + describe(model, dimension));
        }
    }

    static String describe(String model, int dimension) {
        return "model '" + model + "' (" + dimension + "-d)";
    }

    static void requireIdentity(String identity) {
        if (identity == null) {
            throw new IllegalArgumentException("identity must not be null");
        }
        if (identity.isBlank()) {
            throw new IllegalArgumentException("identity must not be blank");
        }
        if (identity.getBytes(StandardCharsets.UTF_8).length > MAX_NAME_BYTES) {
            throw new IllegalArgumentException(
                    "identity is longer than 65535 UTF-8 bytes: "
                            + identity.substring(0, 40)
                            + "...");
        }
    }

    private static int threads() {
        int cores = Runtime.getRuntime().availableProcessors();
        String set = System.getProperty("facekit.gallery.threads");
        if (set == null) {
            return cores;
        }
        try {
            int n = Integer.parseInt(set.trim());
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException ignored) {
            // Reported below.
        }
        LoggerFactory.getLogger(Gallery.class)
                .warn(
                        "facekit.gallery.threads must be a positive integer, got '{}'; using {}",
                        set,
                        cores);
        return cores;
    }

    @Override
    public String toString() {
        Snapshot s = current;
        return "Gallery["
                + describe(model, dimension)
                + ", "
                + s.identities
                + " identities, "
                + s.rows
                + " embeddings]";
    }

    /**
     * An immutable view of the gallery: rows {@code [0, rows)} of the arrays and identities {@code
     * [0, identities)} of {@code names}. The arrays may be longer and shared with later snapshots,
     * which only ever write past these bounds.
     */
    static final class Snapshot {
        final int dimension;
        final float[] data;
        final double[] norms;
        final float[] invNorms;
        final int[] owner;
        final String[] names;
        final int rows;
        final int identities;

        Snapshot(
                int dimension,
                float[] data,
                double[] norms,
                int[] owner,
                String[] names,
                int rows,
                int identities) {
            this(dimension, data, norms, invOf(norms), owner, names, rows, identities);
        }

        private Snapshot(
                int dimension,
                float[] data,
                double[] norms,
                float[] invNorms,
                int[] owner,
                String[] names,
                int rows,
                int identities) {
            this.dimension = dimension;
            this.data = data;
            this.norms = norms;
            this.invNorms = invNorms;
            this.owner = owner;
            this.names = names;
            this.rows = rows;
            this.identities = identities;
        }

        static Snapshot empty(int dimension, int capacity) {
            return new Snapshot(
                    dimension,
                    new float[capacity * dimension],
                    new double[capacity],
                    new float[capacity],
                    new int[capacity],
                    new String[Math.min(capacity, DEFAULT_CAPACITY)],
                    0,
                    0);
        }

        private static float[] invOf(double[] norms) {
            float[] out = new float[norms.length];
            for (int i = 0; i < norms.length; i++) {
                out[i] = norms[i] == 0 ? 0f : (float) (1.0 / norms[i]);
            }
            return out;
        }

        int capacity() {
            return owner.length;
        }

        /** Returns a snapshot whose arrays hold at least the given rows and identities. */
        Snapshot withRoom(int neededRows, int neededIdentities, int maxRows) {
            float[] d = data;
            double[] n = norms;
            float[] inv = invNorms;
            int[] own = owner;
            String[] nm = names;
            if (neededRows > capacity()) {
                int cap = (int) Math.min(maxRows, Math.max(neededRows, 2L * capacity()));
                d = Arrays.copyOf(data, cap * dimension);
                n = Arrays.copyOf(norms, cap);
                inv = Arrays.copyOf(invNorms, cap);
                own = Arrays.copyOf(owner, cap);
            }
            if (neededIdentities > names.length) {
                nm = Arrays.copyOf(names, Math.max(neededIdentities, 2 * names.length));
            }
            return new Snapshot(dimension, d, n, inv, own, nm, rows, identities);
        }

        Snapshot resized(int newRows, int newIdentities) {
            return new Snapshot(
                    dimension, data, norms, invNorms, owner, names, newRows, newIdentities);
        }

        void put(int row, int id, Embedding e) {
            float[] v = e.vector();
            System.arraycopy(v, 0, data, row * dimension, dimension);
            norms[row] = e.norm();
            invNorms[row] = (float) (1.0 / e.norm());
            owner[row] = id;
        }

        /** Returns compacted copies without one identity; later identities move down by one. */
        Snapshot without(int id) {
            Snapshot out = empty(dimension, Math.max(capacity(), 1));
            String[] nm = new String[Math.max(names.length, 1)];
            int k = 0;
            for (int i = 0; i < identities; i++) {
                if (i != id) {
                    nm[k++] = names[i];
                }
            }
            int kept = 0;
            for (int r = 0; r < rows; r++) {
                int o = owner[r];
                if (o == id) {
                    continue;
                }
                System.arraycopy(data, r * dimension, out.data, kept * dimension, dimension);
                out.norms[kept] = norms[r];
                out.invNorms[kept] = invNorms[r];
                out.owner[kept] = o > id ? o - 1 : o;
                kept++;
            }
            return new Snapshot(
                    dimension,
                    out.data,
                    out.norms,
                    out.invNorms,
                    out.owner,
                    nm,
                    kept,
                    identities - 1);
        }

        /** Returns a copy trimmed to its content, sharing nothing with this snapshot. */
        Snapshot copy() {
            int cap = Math.max(rows, 1);
            return new Snapshot(
                    dimension,
                    Arrays.copyOf(data, cap * dimension),
                    Arrays.copyOf(norms, cap),
                    Arrays.copyOf(invNorms, cap),
                    Arrays.copyOf(owner, cap),
                    Arrays.copyOf(names, Math.max(identities, 1)),
                    rows,
                    identities);
        }
    }

    /** The best {@code k} distinct identities seen so far, best first. */
    static final class TopK {
        private final int[] ids;
        private final int[] rows;
        private final float[] scores;
        private int n;

        TopK(int k) {
            ids = new int[k];
            rows = new int[k];
            scores = new float[k];
        }

        /**
         * Merges the results of scans over disjoint runs of rows into the result one scan over all
         * of them gives. An identity among the best {@code k} overall is among the best {@code k}
         * of the run that holds its best row, so the entries of the parts suffice; offering them in
         * row order, as one scan would, gives the same ranking and the same ties.
         */
        static TopK merge(List<TopK> parts, int k) {
            int total = 0;
            for (TopK t : parts) {
                total += t.n;
            }
            long[] byRow = new long[total];
            float[] scoreOf = new float[total];
            int[] idOf = new int[total];
            int e = 0;
            for (TopK t : parts) {
                for (int j = 0; j < t.n; j++) {
                    byRow[e] = ((long) t.rows[j] << 32) | e;
                    scoreOf[e] = t.scores[j];
                    idOf[e] = t.ids[j];
                    e++;
                }
            }
            Arrays.sort(byRow);
            TopK out = new TopK(k);
            float floor = Float.NEGATIVE_INFINITY;
            for (long key : byRow) {
                int i = (int) key;
                if (scoreOf[i] > floor) {
                    floor = out.offer(idOf[i], (int) (key >>> 32), scoreOf[i]);
                }
            }
            return out;
        }

        /**
         * Offers one row's score and returns the new floor a score must beat to matter. The caller
         * only offers scores above the floor.
         */
        float offer(int id, int row, float score) {
            for (int j = 0; j < n; j++) {
                if (ids[j] == id) {
                    if (score > scores[j]) {
                        scores[j] = score;
                        rows[j] = row;
                        bubbleUp(j);
                    }
                    return floor();
                }
            }
            int j = n < ids.length ? n++ : n - 1;
            ids[j] = id;
            rows[j] = row;
            scores[j] = score;
            bubbleUp(j);
            return floor();
        }

        private float floor() {
            return n < ids.length ? Float.NEGATIVE_INFINITY : scores[n - 1];
        }

        private void bubbleUp(int j) {
            while (j > 0 && scores[j] > scores[j - 1]) {
                swap(j, j - 1);
                j--;
            }
        }

        private void swap(int a, int b) {
            int id = ids[a];
            ids[a] = ids[b];
            ids[b] = id;
            int row = rows[a];
            rows[a] = rows[b];
            rows[b] = row;
            float sc = scores[a];
            scores[a] = scores[b];
            scores[b] = sc;
        }

        List<Candidate> candidates(Snapshot s, Embedding query, Metric metric, String model) {
            List<Candidate> out = new ArrayList<>(n);
            List<Integer> order = new ArrayList<>(n);
            double[] distances = new double[n];
            for (int j = 0; j < n; j++) {
                int off = rows[j] * s.dimension;
                Embedding row =
                        new Embedding(model, Arrays.copyOfRange(s.data, off, off + s.dimension));
                distances[j] = metric.distance(query, row);
                out.add(
                        new Candidate(
                                s.names[ids[j]],
                                metric,
                                distances[j],
                                query.cosineSimilarity(row)));
                order.add(j);
            }
            order.sort(
                    (a, b) -> {
                        // Equal distances: the identity whose best embedding came first, the
                        // rule that also decides which identities make the cut at k.
                        int c = Double.compare(distances[a], distances[b]);
                        return c != 0 ? c : Integer.compare(rows[a], rows[b]);
                    });
            List<Candidate> sorted = new ArrayList<>(n);
            for (int j : order) {
                sorted.add(out.get(j));
            }
            return List.copyOf(sorted);
        }
    }
}
