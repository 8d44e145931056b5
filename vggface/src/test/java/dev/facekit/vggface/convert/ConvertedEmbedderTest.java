package dev.facekit.vggface.convert;

import static dev.facekit.vggface.convert.ModelRunner.assertClose;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.facekit.embed.Embedding;
import dev.facekit.embed.Metric;
import dev.facekit.image.RgbImage;
import dev.facekit.vggface.IdentityPrediction;
import dev.facekit.vggface.ModelDescriptor;
import dev.facekit.vggface.ModelDescriptor.BoxCrop;
import dev.facekit.vggface.ModelDescriptor.ChannelOrder;
import dev.facekit.vggface.SavedModelEmbedder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Converted models load with {@link SavedModelEmbedder}: the descriptor carries keras-vggface's
 * preprocessing, embeddings of a chip equal the reference network's on the chip preprocessed by
 * hand, and the classifier with its labels predicts identities.
 */
class ConvertedEmbedderTest {

    private static final List<String> NAMES = List.of("Ann", "Bob", "Cleo", "Dan", "Eve");

    @Test
    void vgg16DescriptorHasVersionOnePreprocessingAndTheTutorialThreshold(@TempDir Path dir)
            throws Exception {
        ConvertedModel model = convertSmall(Architecture.VGG16, true, labels(dir), dir);
        ModelDescriptor d = ModelDescriptor.read(dir.resolve("model/facekit-model.json"));

        assertThat(d).isEqualTo(model.descriptor());
        assertThat(d.name()).isEqualTo("vggface-vgg16");
        assertThat(d.inputSize()).isEqualTo(224);
        assertThat(d.channelOrder()).isEqualTo(ChannelOrder.BGR);
        assertThat(d.mean()).containsExactly(93.5940, 104.7624, 129.1863);
        assertThat(d.scale()).isEqualTo(1.0);
        assertThat(d.crop()).isEqualTo(new BoxCrop(0f));
        assertThat(d.normalize()).isTrue();
        assertThat(d.dimension()).isEqualTo(4096 / 16);
        assertThat(d.threshold().metric()).isEqualTo(Metric.COSINE);
        assertThat(d.threshold().distance()).isEqualTo(0.5);
        assertThat(d.threshold().source())
                .isEqualTo("keras-vggface tutorial default, not calibrated");
        assertThat(d.classifier().orElseThrow().classes()).isEqualTo(5);
        assertThat(d.classifier().orElseThrow().labels()).contains("labels.txt");
        assertThat(Files.readAllLines(dir.resolve("model/labels.txt"))).isEqualTo(NAMES);
    }

    @Test
    void resnetDescriptorHasVersionTwoMeansAndNoClassifierWithoutTop(@TempDir Path dir) {
        ConvertedModel model = convertSmall(Architecture.SENET50, false, null, dir);

        ModelDescriptor d = model.descriptor();
        assertThat(d.name()).isEqualTo("vggface2-senet50");
        assertThat(d.mean()).containsExactly(91.4953, 103.8827, 131.0912);
        assertThat(d.classifier()).isEmpty();
        assertThat(d.dimension()).isEqualTo(2048 / 16);
        assertThat(dir.resolve("model/labels.txt")).doesNotExist();
    }

    @Test
    void embedderEmbedsAChipLikeTheReferenceOnTheHandPreprocessedChip(@TempDir Path dir) {
        SyntheticWeights weights = SyntheticWeights.create(Architecture.RESNET50, 16, 5, true, 21);
        ConvertedModel model = convert(weights, null, dir);
        RgbImage chip = randomChip(22);

        float[] expected =
                new ReferenceNetwork(weights)
                        .run(preprocess(chip, Architecture.RESNET50))
                        .get("embedding");
        try (SavedModelEmbedder embedder = SavedModelEmbedder.load(model.directory())) {
            Embedding e = embedder.embedChip(chip);

            assertThat(e.model()).isEqualTo("vggface2-resnet50");
            assertThat(e.norm()).isCloseTo(1.0, within(1e-6));
            assertClose(
                    "embedding",
                    e.vector(),
                    new Embedding("ref", expected).normalized().vector(),
                    1e-4);
        }
    }

    @Test
    void predictsTheReferenceTopIdentitiesWithTheirLabels(@TempDir Path dir) throws Exception {
        SyntheticWeights weights = SyntheticWeights.create(Architecture.VGG16, 16, 5, true, 23);
        ConvertedModel model = convert(weights, labels(dir), dir);
        RgbImage chip = randomChip(24);

        float[] p =
                new ReferenceNetwork(weights)
                        .run(preprocess(chip, Architecture.VGG16))
                        .get("probabilities");
        List<Integer> order =
                IntStream.range(0, 5)
                        .boxed()
                        .sorted(Comparator.comparingDouble(i -> -p[i]))
                        .toList();
        try (SavedModelEmbedder embedder = SavedModelEmbedder.load(model.directory())) {
            List<IdentityPrediction> top = embedder.predictIdentities(chip, 3);

            assertThat(top)
                    .extracting(IdentityPrediction::index)
                    .containsExactlyElementsOf(order.subList(0, 3));
            assertThat(top)
                    .extracting(IdentityPrediction::label)
                    .containsExactly(
                            NAMES.get(order.get(0)),
                            NAMES.get(order.get(1)),
                            NAMES.get(order.get(2)));
            for (IdentityPrediction ip : top) {
                assertThat(ip.probability()).isCloseTo(p[ip.index()], within(1e-5));
            }
        }
    }

    @Test
    void labelsOfTheWrongCountAreRefusedBeforeAnythingIsWritten(@TempDir Path dir)
            throws Exception {
        Path npy = Npy.write(dir.resolve("labels.npy"), List.of("a", "b", "c"), true);

        assertThatThrownBy(() -> convertSmall(Architecture.VGG16, true, npy, dir))
                .isInstanceOf(WeightsFileException.class)
                .hasMessage(npy + ": holds 3 labels, but the classifier has 5 classes");
        assertThat(dir.resolve("model")).doesNotExist();
    }

    @Test
    void labelsForAFileWithoutClassifierAreRefused(@TempDir Path dir) throws Exception {
        assertThatThrownBy(() -> convertSmall(Architecture.RESNET50, false, labels(dir), dir))
                .isInstanceOf(WeightsFileException.class)
                .hasMessageContaining("labels were given but")
                .hasMessageContaining("has no classifier (a notop file)");
    }

    private static Path labels(Path dir) throws Exception {
        return Npy.write(
                dir.resolve("labels.npy"), NAMES.stream().map(n -> " " + n).toList(), true);
    }

    private static ConvertedModel convertSmall(
            Architecture arch, boolean top, Path labels, Path dir) {
        return convert(SyntheticWeights.create(arch, 16, 5, top, 20), labels, dir);
    }

    private static ConvertedModel convert(SyntheticWeights weights, Path labels, Path dir) {
        Path h5 = weights.write(dir.resolve("weights.h5"));
        NetworkSpec spec =
                new NetworkSpec(weights.architecture(), weights.widthDivisor(), weights.classes());
        return VggFaceConverter.convert(spec, h5, dir.resolve("model"), labels, false);
    }

    private static RgbImage randomChip(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        byte[] rgb = new byte[224 * 224 * 3];
        for (int i = 0; i < rgb.length; i++) {
            rgb[i] = (byte) r.nextInt(256);
        }
        return RgbImage.ofRgb(224, 224, rgb);
    }

    /** keras-vggface's preprocess_input, by hand: RGB to BGR, minus the per-channel means. */
    private static float[] preprocess(RgbImage chip, Architecture arch) {
        byte[] rgb = chip.toRgbBytes();
        double[] mean = arch.meanBgr();
        float[] x = new float[rgb.length];
        for (int p = 0; p < rgb.length; p += 3) {
            x[p] = (float) ((rgb[p + 2] & 0xff) - mean[0]);
            x[p + 1] = (float) ((rgb[p + 1] & 0xff) - mean[1]);
            x[p + 2] = (float) ((rgb[p] & 0xff) - mean[2]);
        }
        return x;
    }
}
