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
import dev.facekit.mtcnn.MtcnnDetector;
import dev.facekit.vggface.SavedModelEmbedder;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.zip.CRC32;
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
        modelOptions.detector.check(spec);
        PairList pairs =
                options.pairs.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".csv")
                        ? PairList.readCsv(options.pairs)
                        : PairList.readLfw(options.pairs, options.lfwPrefix);
        try (Pipeline pipeline =
                Pipeline.open(models, modelOptions.minFace(), modelOptions.model)) {
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
     * Names everything the cached embeddings depend on: the FaceKit version, the model's name and
     * folder, a checksum of the embedder's and the detector's graph and weight index files (so that
     * regenerated or replaced models never reuse old embeddings, even within one version), how
     * faces are cut, and the detector's settings.
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
                + " | models crc32 "
                + modelFingerprint(modelOptions.model)
                + " | "
                + pipeline.embedder().cropper()
                + " | "
                + models.detectorName(modelOptions.minFace());
    }

    /** The SavedModel files whose bytes identify a model: its graph and its weights' index. */
    private static final List<String> MODEL_FILES =
            List.of("saved_model.pb", "variables/variables.index");

    /** CRC32 over the bundled MTCNN models and the embedder (a folder, or the bundled one). */
    static String modelFingerprint(Path modelDir) {
        CRC32 crc = new CRC32();
        for (String net : List.of("pnet", "rnet", "onet")) {
            addResources(crc, MtcnnDetector.class, "/dev/facekit/mtcnn/" + net + "/");
        }
        if (modelDir == null) {
            addResources(crc, SavedModelEmbedder.class, "/dev/facekit/vggface/compact/");
        } else {
            for (String file : MODEL_FILES) {
                try {
                    crc.update(Files.readAllBytes(modelDir.resolve(file)));
                } catch (IOException e) {
                    crc.update(file.getBytes(StandardCharsets.UTF_8)); // absent: loading will say
                }
            }
        }
        return Long.toHexString(crc.getValue());
    }

    private static void addResources(CRC32 crc, Class<?> anchor, String dir) {
        for (String file : MODEL_FILES) {
            try (InputStream in = anchor.getResourceAsStream(dir + file)) {
                crc.update(in == null ? new byte[0] : in.readAllBytes());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read model resource " + dir + file, e);
            }
        }
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
