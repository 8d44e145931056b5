package dev.facekit.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;

import dev.facekit.embed.Embedding;
import dev.facekit.embed.Metric;
import dev.facekit.image.ImageDecodeException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PairScorerTest {

    @TempDir Path root;

    private final List<String> calls = new ArrayList<>();

    /** Fake pipeline: a 2-d embedding per file name, nothing for "noface", corrupt for "bad". */
    private final Function<Path, Optional<Embedding>> pipeline =
            image -> {
                String name = image.getFileName().toString();
                calls.add(name);
                if (name.startsWith("bad")) {
                    throw new ImageDecodeException(
                            image.toString(), ImageDecodeException.Reason.CORRUPT, "bad", null);
                }
                Map<String, float[]> vectors =
                        Map.of(
                                "a1.jpg", new float[] {0, 1},
                                "a2.jpg", new float[] {0, 2},
                                "b1.jpg", new float[] {3, 1});
                float[] v = vectors.get(name);
                return v == null ? Optional.empty() : Optional.of(new Embedding("fake", v));
            };

    @BeforeEach
    void images() throws IOException {
        for (String name : List.of("a1.jpg", "a2.jpg", "b1.jpg", "noface.jpg", "bad.jpg")) {
            Files.writeString(root.resolve(name), name);
        }
    }

    private static PairList list() {
        return new PairList(
                null,
                List.of(
                        VerificationPair.of("a1.jpg", "a2.jpg", true),
                        VerificationPair.of("a1.jpg", "b1.jpg", false),
                        VerificationPair.of("a2.jpg", "noface.jpg", true),
                        VerificationPair.of("gone.jpg", "b1.jpg", false),
                        VerificationPair.of("b1.jpg", "bad.jpg", false)));
    }

    @Test
    void scoresEveryPairAndNamesWhyPairsAreMissing() {
        PairScores s = new PairScorer(root, pipeline).score(list(), Metric.EUCLIDEAN);

        assertThat(s.scores().pairs().get(0).distance()).isCloseTo(1.0, within(1e-9));
        assertThat(s.scores().pairs().get(1).distance()).isCloseTo(3.0, within(1e-9));
        assertThat(s.scores().missing()).isEqualTo(3);
        assertThat(s.missing())
                .extracting(MissingPair::image, MissingPair::reason)
                .containsExactly(
                        tuple("noface.jpg", "no face found"),
                        tuple("gone.jpg", "file not found"),
                        tuple("bad.jpg", "unreadable: " + root.resolve("bad.jpg") + ": bad"));
        assertThat(calls)
                .as("each distinct existing image once")
                .containsExactly("a1.jpg", "a2.jpg", "b1.jpg", "noface.jpg", "bad.jpg");
    }

    @Test
    void aSecondRunWithTheSameCacheFileRunsThePipelineOnlyForChangedImages() throws IOException {
        Path cacheFile = root.resolve("cache.bin");
        List<int[]> progress = new ArrayList<>();
        PairScores first =
                new PairScorer(root, pipeline)
                        .withCache(EmbeddingCache.open(cacheFile, "fake"))
                        .withProgress((done, total) -> progress.add(new int[] {done, total}))
                        .score(list(), Metric.COSINE);
        assertThat(progress).hasSize(6);
        assertThat(progress.get(5)).containsExactly(6, 6);
        calls.clear();

        // Same images: nothing recomputed, same distances (an absent face is cached too)
        PairScores second =
                new PairScorer(root, pipeline)
                        .withCache(EmbeddingCache.open(cacheFile, "fake"))
                        .score(list(), Metric.COSINE);
        assertThat(calls).containsExactly("bad.jpg");
        assertThat(second.scores().pairs()).isEqualTo(first.scores().pairs());

        // A rewritten image is computed again
        calls.clear();
        Files.setLastModifiedTime(root.resolve("a2.jpg"), FileTime.fromMillis(1_000_000));
        new PairScorer(root, pipeline)
                .withCache(EmbeddingCache.open(cacheFile, "fake"))
                .score(list(), Metric.COSINE);
        assertThat(calls).containsExactly("a2.jpg", "bad.jpg");
    }

    @Test
    void otherExceptionsPropagateAfterTheCacheIsSaved() {
        Path cacheFile = root.resolve("cache.bin");
        Function<Path, Optional<Embedding>> failing =
                image -> {
                    if (image.endsWith("b1.jpg")) {
                        throw new IllegalStateException("embedder closed");
                    }
                    return pipeline.apply(image);
                };
        PairScorer scorer =
                new PairScorer(root, failing).withCache(EmbeddingCache.open(cacheFile, "fake"));

        assertThatThrownBy(() -> scorer.score(list(), Metric.EUCLIDEAN))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("embedder closed");
        assertThat(EmbeddingCache.open(cacheFile, "fake").size()).isEqualTo(2);
    }
}
