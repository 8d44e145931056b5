package dev.facekit.vggface;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.facekit.embed.Embedding;
import dev.facekit.image.RgbImage;
import dev.facekit.model.ModelException;
import dev.facekit.vggface.ModelDescriptor.ChannelOrder;
import dev.facekit.vggface.ModelDescriptor.Classifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SavedModelEmbedderTest {

    private static RgbImage randomChip(long seed, int size) {
        byte[] rgb = new byte[size * size * 3];
        new Random(seed).nextBytes(rgb);
        return RgbImage.ofRgb(size, size, rgb);
    }

    private static Path tiny(Path dir, ChannelOrder order, boolean normalize) throws Exception {
        return TinyModels.export(dir, TinyModels.descriptor(order, normalize));
    }

    @Test
    void embedsLikeThePlainJavaComputationInBothChannelOrders(@TempDir Path dir) throws Exception {
        for (ChannelOrder order : ChannelOrder.values()) {
            Path model = tiny(dir.resolve(order.name()), order, false);
            try (SavedModelEmbedder e = SavedModelEmbedder.load(model)) {
                RgbImage chip = randomChip(7, TinyModels.SIZE);
                float[] expected = TinyModels.expectedEmbedding(chip.toRgbBytes(), e.descriptor());
                Embedding got = e.embedChip(chip);
                assertThat(got.model()).isEqualTo("tiny");
                assertThat(got.vector()).containsExactly(expected, within(1e-5f));
            }
        }
    }

    @Test
    void channelOrderChangesTheResult(@TempDir Path dir) throws Exception {
        RgbImage chip = randomChip(3, TinyModels.SIZE);
        try (SavedModelEmbedder rgb =
                        SavedModelEmbedder.load(tiny(dir.resolve("a"), ChannelOrder.RGB, false));
                SavedModelEmbedder bgr =
                        SavedModelEmbedder.load(tiny(dir.resolve("b"), ChannelOrder.BGR, false))) {
            assertThat(rgb.embedChip(chip)).isNotEqualTo(bgr.embedChip(chip));
        }
    }

    @Test
    void batchGivesTheSameEmbeddingsAsSingleChips(@TempDir Path dir) throws Exception {
        try (SavedModelEmbedder e = SavedModelEmbedder.load(tiny(dir, ChannelOrder.RGB, false))) {
            List<RgbImage> chips = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                chips.add(randomChip(100 + i, TinyModels.SIZE));
            }
            List<Embedding> batch = e.embedChips(chips);
            assertThat(batch).hasSize(5);
            for (int i = 0; i < 5; i++) {
                assertThat(batch.get(i).vector())
                        .containsExactly(e.embedChip(chips.get(i)).vector(), within(1e-6f));
            }
            assertThat(e.embedChips(List.of())).isEmpty();
        }
    }

    @Test
    void normalizesWhenTheDescriptorSaysSo(@TempDir Path dir) throws Exception {
        try (SavedModelEmbedder e = SavedModelEmbedder.load(tiny(dir, ChannelOrder.RGB, true))) {
            RgbImage chip = randomChip(11, TinyModels.SIZE);
            float[] raw = TinyModels.expectedEmbedding(chip.toRgbBytes(), e.descriptor());
            double n = Math.hypot(raw[0], raw[1]);
            Embedding got = e.embedChip(chip);
            assertThat(got.norm()).isCloseTo(1.0, within(1e-6));
            assertThat(got.vector())
                    .containsExactly(
                            new float[] {(float) (raw[0] / n), (float) (raw[1] / n)},
                            within(1e-5f));
        }
    }

    @Test
    void predictsTopIdentitiesBestFirstWithLabels(@TempDir Path dir) throws Exception {
        try (SavedModelEmbedder e = SavedModelEmbedder.load(tiny(dir, ChannelOrder.RGB, false))) {
            assertThat(e.hasClassifier()).isTrue();
            assertThat(e.labels()).containsExactly("alice", "bob", "carol");
            RgbImage chip = randomChip(5, TinyModels.SIZE);
            double[] p =
                    TinyModels.expectedProbabilities(
                            TinyModels.expectedEmbedding(chip.toRgbBytes(), e.descriptor()));
            List<IdentityPrediction> top = e.predictIdentities(chip, 3);
            assertThat(top).hasSize(3);
            assertThat(top.get(0).probability()).isGreaterThanOrEqualTo(top.get(1).probability());
            assertThat(top.get(1).probability()).isGreaterThanOrEqualTo(top.get(2).probability());
            for (IdentityPrediction ip : top) {
                assertThat(ip.label()).isEqualTo(List.of("alice", "bob", "carol").get(ip.index()));
                assertThat(ip.probability()).isCloseTo(p[ip.index()], within(1e-5));
            }
            assertThat(e.predictIdentities(chip, 1)).containsExactly(top.get(0));
            assertThat(e.predictIdentities(chip, 10)).hasSize(3);
            assertThatThrownBy(() -> e.predictIdentities(chip, 0))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("k must be > 0, got 0");
        }
    }

    @Test
    void modelWithoutClassifierRefusesIdentityPrediction(@TempDir Path dir) throws Exception {
        TinyModels.export(
                dir,
                TinyModels.descriptor(ChannelOrder.RGB, false).withClassifier(Optional.empty()));
        try (SavedModelEmbedder e = SavedModelEmbedder.load(dir)) {
            assertThat(e.hasClassifier()).isFalse();
            assertThat(e.labels()).isEmpty();
            assertThatThrownBy(() -> e.predictIdentities(randomChip(1, TinyModels.SIZE), 1))
                    .isInstanceOf(UnsupportedOperationException.class)
                    .hasMessageContaining("has no classifier");
        }
    }

    @Test
    void wrongChipSizeIsAnIllegalArgument(@TempDir Path dir) throws Exception {
        try (SavedModelEmbedder e = SavedModelEmbedder.load(tiny(dir, ChannelOrder.RGB, false))) {
            List<RgbImage> chips = List.of(randomChip(1, 4), RgbImage.filled(5, 4, 0));
            assertThatThrownBy(() -> e.embedChips(chips))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("chip 1 is 5x4, model tiny needs 4x4");
        }
    }

    @Test
    void closedEmbedderThrowsIllegalStateAndClosesTwiceQuietly(@TempDir Path dir) throws Exception {
        SavedModelEmbedder e = SavedModelEmbedder.load(tiny(dir, ChannelOrder.RGB, false));
        RgbImage chip = randomChip(1, 4);
        e.close();
        e.close();
        assertThatThrownBy(() -> e.embedChip(chip))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("embedder tiny is closed");
        assertThatThrownBy(() -> e.predictIdentities(chip, 1))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void embedsFromManyThreadsAtOnce(@TempDir Path dir) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try (SavedModelEmbedder e = SavedModelEmbedder.load(tiny(dir, ChannelOrder.RGB, false))) {
            List<Future<float[]>> futures = new ArrayList<>();
            for (int i = 0; i < 32; i++) {
                RgbImage chip = randomChip(i % 4, 4);
                futures.add(pool.submit(() -> e.embedChip(chip).vector()));
            }
            for (int i = 0; i < 32; i++) {
                assertThat(futures.get(i).get()).isEqualTo(futures.get(i % 4).get());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void missingDescriptorNamesThePath(@TempDir Path dir) throws Exception {
        TinyModels.exportSavedModel(dir);
        assertThatThrownBy(() -> SavedModelEmbedder.load(dir))
                .isInstanceOf(ModelException.class)
                .hasMessage(
                        dir.resolve("facekit-model.json").toAbsolutePath()
                                + ": model descriptor not found");
    }

    @Test
    void notADirectoryIsAModelException(@TempDir Path dir) {
        Path missing = dir.resolve("nope");
        assertThatThrownBy(() -> SavedModelEmbedder.load(missing))
                .isInstanceOf(ModelException.class)
                .hasMessage(missing.toAbsolutePath() + ": not a model directory");
    }

    @Test
    void dimensionInconsistentWithTheSignatureNamesTheField(@TempDir Path dir) throws Exception {
        ModelDescriptor d = TinyModels.descriptor(ChannelOrder.RGB, false);
        TinyModels.export(dir, rebuilt(d, d.inputSize(), 3, d.output(), d.input()));
        assertThatThrownBy(() -> SavedModelEmbedder.load(dir))
                .isInstanceOf(ModelException.class)
                .hasMessage(
                        dir.toAbsolutePath()
                                + ": signature 'serving_default' output 'embedding' has shape"
                                + " [-1, 2], but the descriptor's 'dimension' needs [-1, 3]");
    }

    @Test
    void inputSizeInconsistentWithTheSignatureNamesTheField(@TempDir Path dir) throws Exception {
        ModelDescriptor d = TinyModels.descriptor(ChannelOrder.RGB, false);
        ModelDescriptor big =
                rebuilt(d, 8, d.dimension(), d.output(), d.input())
                        .withCrop(new ModelDescriptor.BoxCrop(0));
        TinyModels.export(dir, big);
        assertThatThrownBy(() -> SavedModelEmbedder.load(dir))
                .isInstanceOf(ModelException.class)
                .hasMessage(
                        dir.toAbsolutePath()
                                + ": signature 'serving_default' input 'image' has shape"
                                + " [-1, 4, 4, 3], but the descriptor's 'inputSize' needs"
                                + " [-1, 8, 8, 3]");
    }

    @Test
    void unknownOutputInputAndSignatureAreNamed(@TempDir Path dir) throws Exception {
        ModelDescriptor d = TinyModels.descriptor(ChannelOrder.RGB, false);
        TinyModels.export(dir.resolve("o"), rebuilt(d, 4, 2, "fc7", d.input()));
        assertThatThrownBy(() -> SavedModelEmbedder.load(dir.resolve("o")))
                .isInstanceOf(ModelException.class)
                .hasMessageContaining("signature 'serving_default' has no output 'fc7', found [")
                .hasMessageContaining("embedding")
                .hasMessageContaining("probabilities");
        TinyModels.export(dir.resolve("i"), rebuilt(d, 4, 2, d.output(), "input_1"));
        assertThatThrownBy(() -> SavedModelEmbedder.load(dir.resolve("i")))
                .isInstanceOf(ModelException.class)
                .hasMessage(
                        dir.resolve("i").toAbsolutePath()
                                + ": signature 'serving_default' has no input 'input_1', found"
                                + " [image]");
    }

    @Test
    void labelsFileMustHoldOneLabelPerClass(@TempDir Path dir) throws Exception {
        TinyModels.export(dir, TinyModels.descriptor(ChannelOrder.RGB, false));
        Files.writeString(dir.resolve("labels.txt"), "alice\nbob\n");
        assertThatThrownBy(() -> SavedModelEmbedder.load(dir))
                .isInstanceOf(ModelException.class)
                .hasMessage(
                        dir.resolve("labels.txt")
                                + ": 2 labels, but the descriptor's 'classifier.classes' is 3");
    }

    @Test
    void classifierClassesInconsistentWithTheSignatureNamesTheField(@TempDir Path dir)
            throws Exception {
        ModelDescriptor d =
                TinyModels.descriptor(ChannelOrder.RGB, false)
                        .withClassifier(
                                Optional.of(new Classifier("probabilities", 4, Optional.empty())));
        TinyModels.export(dir, d);
        assertThatThrownBy(() -> SavedModelEmbedder.load(dir))
                .isInstanceOf(ModelException.class)
                .hasMessageEndingWith(
                        "output 'probabilities' has shape [-1, 3], but the descriptor's"
                                + " 'classifier.classes' needs [-1, 4]");
    }

    private static ModelDescriptor rebuilt(
            ModelDescriptor d, int inputSize, int dimension, String output, String input) {
        return new ModelDescriptor(
                d.name(),
                inputSize,
                d.channelOrder(),
                d.mean(),
                d.scale(),
                inputSize == d.inputSize() ? d.crop() : new ModelDescriptor.BoxCrop(0),
                d.signature(),
                input,
                output,
                dimension,
                d.normalize(),
                d.classifier(),
                d.threshold());
    }
}
