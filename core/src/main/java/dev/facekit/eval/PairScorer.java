package dev.facekit.eval;

import dev.facekit.embed.Embedding;
import dev.facekit.embed.Metric;
import dev.facekit.image.ImageDecodeException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a pair list into distances by running a caller-supplied pipeline (image file to the
 * embedding of its face) once per distinct image, optionally through an {@link EmbeddingCache}.
 *
 * <p>The pipeline is any function, typically "decode, detect, pick the primary face, align, embed";
 * it returns an empty result when the image has no face. An image file that does not exist, or that
 * the pipeline rejects with {@link ImageDecodeException}, makes its pairs missing (with the reason)
 * instead of failing the run; any other exception from the pipeline stops the run and propagates,
 * after the cache has been saved.
 *
 * <pre>{@code
 * PairScores s = new PairScorer(root, image -> embedPrimaryFace(image))
 *         .withCache(EmbeddingCache.open(cacheFile, embedder.modelName()))
 *         .score(PairList.read(pairsFile), Metric.EUCLIDEAN);
 * }</pre>
 *
 * <p>Immutable; {@link #score} runs the pipeline sequentially on the calling thread, and is as
 * thread-safe as the pipeline.
 */
public final class PairScorer {

    private static final Logger LOG = LoggerFactory.getLogger(PairScorer.class);
    private static final int SAVE_EVERY = 256;

    private final Path root;
    private final Function<Path, Optional<Embedding>> pipeline;
    private final EmbeddingCache cache;
    private final BiConsumer<Integer, Integer> progress;

    /**
     * Creates a scorer without a cache.
     *
     * @param root the folder the pair list's paths are relative to
     * @param pipeline image file to the embedding of its face, empty when there is none
     */
    public PairScorer(Path root, Function<Path, Optional<Embedding>> pipeline) {
        this(root, pipeline, null, (done, total) -> {});
    }

    private PairScorer(
            Path root,
            Function<Path, Optional<Embedding>> pipeline,
            EmbeddingCache cache,
            BiConsumer<Integer, Integer> progress) {
        if (root == null || pipeline == null || progress == null) {
            throw new IllegalArgumentException("root, pipeline and progress must not be null");
        }
        this.root = root;
        this.pipeline = pipeline;
        this.cache = cache;
        this.progress = progress;
    }

    /**
     * Returns a scorer that looks images up in the cache first and saves it during and after a run.
     *
     * @param newCache the cache
     * @return the new scorer
     */
    public PairScorer withCache(EmbeddingCache newCache) {
        return new PairScorer(root, pipeline, newCache, progress);
    }

    /**
     * Returns a scorer that reports progress after each distinct image.
     *
     * @param listener called with (images done, images in total) on the scoring thread
     * @return the new scorer
     */
    public PairScorer withProgress(BiConsumer<Integer, Integer> listener) {
        return new PairScorer(root, pipeline, cache, listener);
    }

    /**
     * Runs the pipeline on every distinct image of the list and measures each pair's distance.
     *
     * @param pairs the pair list
     * @param metric the distance to measure
     * @return the scored pairs (in list order, with the list's folds) and the missing ones
     * @throws IllegalArgumentException if the list is empty or embeddings are not comparable
     */
    public PairScores score(PairList pairs, Metric metric) {
        Map<String, Outcome> outcomes = embedAll(pairs);

        // One distance per pair; a pair with a missing face gets none
        List<ScoredPair> scored = new ArrayList<>();
        List<MissingPair> missing = new ArrayList<>();
        for (VerificationPair p : pairs.pairs()) {
            Outcome a = outcomes.get(p.fileA());
            Outcome b = outcomes.get(p.fileB());
            if (a.embedding() == null || b.embedding() == null) {
                Outcome bad = a.embedding() == null ? a : b;
                String image = a.embedding() == null ? p.fileA() : p.fileB();
                missing.add(new MissingPair(p, image, bad.reason()));
                scored.add(new ScoredPair(p.same(), Double.NaN, p.fold()));
            } else {
                double d = metric.distance(a.embedding(), b.embedding());
                scored.add(new ScoredPair(p.same(), d, p.fold()));
            }
        }
        return new PairScores(pairs, VerificationScores.of(metric, scored), missing);
    }

    private record Outcome(Embedding embedding, String reason) {}

    private Map<String, Outcome> embedAll(PairList pairs) {
        Map<String, Outcome> outcomes = new LinkedHashMap<>();
        for (VerificationPair p : pairs.pairs()) {
            outcomes.put(p.fileA(), null);
            outcomes.put(p.fileB(), null);
        }
        int done = 0;
        try {
            for (Map.Entry<String, Outcome> e : outcomes.entrySet()) {
                e.setValue(embed(e.getKey()));
                done++;
                progress.accept(done, outcomes.size());
                if (cache != null && done % SAVE_EVERY == 0) {
                    cache.save();
                }
            }
        } finally {
            if (cache != null) {
                cache.save();
            }
        }
        return outcomes;
    }

    private Outcome embed(String relative) {
        Path image = root.resolve(relative);
        if (!Files.isRegularFile(image)) {
            LOG.debug("image not found: {}", image);
            return new Outcome(null, "file not found");
        }
        try {
            Optional<Embedding> e =
                    cache == null ? pipeline.apply(image) : cache.computeIfAbsent(image, pipeline);
            return new Outcome(e.orElse(null), "no face found");
        } catch (ImageDecodeException e) {
            LOG.debug("image unreadable: {}: {}", image, e.getMessage());
            return new Outcome(null, "unreadable: " + e.getMessage());
        }
    }
}
