package dev.facekit.cli;

import dev.facekit.embed.Embedding;
import dev.facekit.embed.Metric;
import dev.facekit.embed.Threshold;
import dev.facekit.eval.EmbeddingCache;
import dev.facekit.eval.MissingPair;
import dev.facekit.eval.PairList;
import dev.facekit.eval.PairScorer;
import dev.facekit.eval.PairScores;
import dev.facekit.image.RgbImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Runs the whole pipeline over a pair list: shared by {@code eval verify} and {@code calibrate}.
 */
final class PairEvaluation {

    /** What scoring a pair list gives. */
    record Result(
            PairList pairs, PairScores scored, String model, Threshold modelThreshold, int failed) {

        /** The metric the pairs were scored with. */
        Metric metric() {
            return scored.scores().metric();
        }
    }

    private PairEvaluation() {}

    static Result run(
            CommandSpec spec,
            ModelFactory models,
            ModelOptions modelOptions,
            PairOptions options,
            Reporter reporter) {
        Options.requireFile(spec, "--pairs", options.pairs);
        Options.requireFolder(spec, "--root", options.root);
        Options.requirePositive(spec, "--min-face", modelOptions.minFace);
        PairList pairs =
                options.pairs.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".csv")
                        ? PairList.readCsv(options.pairs)
                        : PairList.readLfw(options.pairs, options.lfwPrefix);
        try (Pipeline pipeline = Pipeline.open(models, modelOptions.minFace, modelOptions.model)) {
            Threshold modelThreshold = pipeline.embedder().defaultThreshold();
            Metric metric = options.metric == null ? modelThreshold.metric() : options.metric;
            Function<Path, Optional<Embedding>> embed =
                    file -> pipeline.embedPrimary(RgbImage.read(file)).map(f -> f.embedding());
            PairScorer scorer = new PairScorer(options.root, embed);
            if (!options.noCache) {
                String key = cacheKey(pipeline, models, modelOptions);
                scorer = scorer.withCache(EmbeddingCache.open(cacheFile(options), key));
            }
            PairScores scored;
            try (Progress progress = reporter.progress(Integer.MAX_VALUE)) {
                scored =
                        scorer.withProgress((done, total) -> progress.updateOf(done, total))
                                .score(pairs, metric);
            }
            int failed = 0;
            for (MissingPair m : scored.missing()) {
                if (!m.reason().equals("no face found")) {
                    failed++;
                    reporter.warn(m.image() + ": " + m.reason());
                }
            }
            return new Result(
                    pairs, scored, pipeline.embedder().modelName(), modelThreshold, failed);
        }
    }

    /**
     * Names everything the cached embeddings depend on: the FaceKit version (bundled models change
     * with it), the model's name and folder, how faces are cut for it, and the detector's settings.
     */
    static String cacheKey(Pipeline pipeline, ModelFactory models, ModelOptions modelOptions) {
        return "facekit "
                + VersionProvider.version()
                + " | "
                + pipeline.embedder().modelName()
                + " from "
                + (modelOptions.model == null
                        ? "the bundled model"
                        : modelOptions.model.toAbsolutePath().normalize().toString())
                + " | "
                + pipeline.embedder().cropper()
                + " | "
                + models.detectorName(modelOptions.minFace);
    }

    private static Path cacheFile(PairOptions options) {
        Path file =
                options.cache != null
                        ? options.cache
                        : Path.of(System.getProperty("user.home"), ".cache", "facekit")
                                .resolve("embeddings.json");
        try {
            Path dir = file.toAbsolutePath().getParent();
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot create the folder of cache " + file + ": " + e.getMessage(), e);
        }
        return file;
    }
}
