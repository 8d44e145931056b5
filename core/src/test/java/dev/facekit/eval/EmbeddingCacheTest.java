package dev.facekit.eval;

import static org.assertj.core.api.Assertions.assertThat;

import dev.facekit.embed.Embedding;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddingCacheTest {

    @TempDir Path dir;

    private final AtomicInteger computed = new AtomicInteger();

    private final Function<Path, Optional<Embedding>> pipeline =
            image -> {
                computed.incrementAndGet();
                return image.toString().endsWith("none.jpg")
                        ? Optional.empty()
                        : Optional.of(new Embedding("m", new float[] {1.5f, -2.25f, 1e-7f}));
            };

    @Test
    void entriesSurviveASaveAndReopenBitForBit() throws IOException {
        Path image = Files.writeString(dir.resolve("x.jpg"), "x");
        Path none = Files.writeString(dir.resolve("none.jpg"), "n");
        Path file = dir.resolve("c.bin");
        EmbeddingCache cache = EmbeddingCache.open(file, "m+mtcnn");
        Optional<Embedding> first = cache.computeIfAbsent(image, pipeline);
        cache.computeIfAbsent(none, pipeline);
        cache.save();

        EmbeddingCache reopened = EmbeddingCache.open(file, "m+mtcnn");

        assertThat(reopened.size()).isEqualTo(2);
        assertThat(reopened.computeIfAbsent(image, pipeline)).isEqualTo(first);
        assertThat(reopened.computeIfAbsent(none, pipeline)).isEmpty();
        assertThat(computed).hasValue(2);
        assertThat(Files.list(dir).map(p -> p.getFileName().toString()))
                .as("no temporary file left behind")
                .containsExactlyInAnyOrder("x.jpg", "none.jpg", "c.bin");
    }

    @Test
    void anotherKeyOrAChangedFileMissesTheCache() throws IOException {
        Path image = Files.writeString(dir.resolve("x.jpg"), "x");
        Path file = dir.resolve("c.bin");
        EmbeddingCache cache = EmbeddingCache.open(file, "model-a");
        cache.computeIfAbsent(image, pipeline);
        cache.save();

        EmbeddingCache.open(file, "model-b").computeIfAbsent(image, pipeline);
        Files.writeString(image, "longer content");
        EmbeddingCache.open(file, "model-a").computeIfAbsent(image, pipeline);

        assertThat(computed).hasValue(3);
    }

    @Test
    void anUnreadableCacheFileStartsEmptyAndIsReplacedOnSave() throws IOException {
        Path image = Files.writeString(dir.resolve("x.jpg"), "x");
        Path file = Files.writeString(dir.resolve("c.bin"), "not a cache");

        EmbeddingCache cache = EmbeddingCache.open(file, "m");
        assertThat(cache.size()).isZero();
        cache.computeIfAbsent(image, pipeline);
        cache.save();

        assertThat(EmbeddingCache.open(file, "m").size()).isEqualTo(1);
    }

    @Test
    void inMemoryCacheComputesOnceAndSavesNothing() throws IOException {
        Path image = Files.writeString(dir.resolve("x.jpg"), "x");
        EmbeddingCache cache = EmbeddingCache.inMemory("m");

        cache.computeIfAbsent(image, pipeline);
        cache.computeIfAbsent(dir.resolve(".").resolve("x.jpg"), pipeline);
        cache.save();

        assertThat(computed).hasValue(1);
        assertThat(cache.file()).isEmpty();
    }
}
