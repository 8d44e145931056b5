package dev.facekit.vggface.convert;

import static dev.facekit.vggface.convert.ModelRunner.assertClose;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Converted networks compute what the plain-Java reference computes from the same weights, block by
 * block and end to end, on a 224x224 input, to 1e-4 relative (largest absolute difference over the
 * largest reference value of each block).
 */
class ConvertedNetworkTest {

    private static final double TOLERANCE = 1e-4;

    @Test
    void vgg16WithClassifierMatchesTheReferenceBlockByBlock(@TempDir Path dir) {
        checkBlockByBlock(SyntheticWeights.create(Architecture.VGG16, 16, 10, true, 1), dir);
    }

    @Test
    void vgg16WithoutClassifierEmbedsTheAverageOfPool5(@TempDir Path dir) {
        checkBlockByBlock(SyntheticWeights.create(Architecture.VGG16, 16, 10, false, 2), dir);
    }

    @Test
    void resnet50WithClassifierMatchesTheReferenceBlockByBlock(@TempDir Path dir) {
        checkBlockByBlock(SyntheticWeights.create(Architecture.RESNET50, 8, 12, true, 3), dir);
    }

    @Test
    void senet50WithClassifierMatchesTheReferenceBlockByBlock(@TempDir Path dir) {
        checkBlockByBlock(SyntheticWeights.create(Architecture.SENET50, 8, 12, true, 4), dir);
    }

    @Test
    void senet50WithoutClassifierMatchesTheReference(@TempDir Path dir) {
        checkBlockByBlock(SyntheticWeights.create(Architecture.SENET50, 16, 12, false, 5), dir);
    }

    @Test
    void fullSizeResnet50WithoutClassifierMatchesTheReferenceEndToEnd(@TempDir Path dir) {
        SyntheticWeights weights = SyntheticWeights.standard(Architecture.RESNET50, false, 6);
        Path h5 = weights.write(dir.resolve("rcmalli_vggface_tf_notop_resnet50.h5"));

        ConvertedModel model =
                VggFaceConverter.convert(Architecture.RESNET50, h5, dir.resolve("model"), null);

        assertThat(model.parameters()).isEqualTo(23_561_152L);
        assertThat(model.descriptor().dimension()).isEqualTo(2048);
        float[] input = ModelRunner.randomInput(60);
        Map<String, float[]> expected = new ReferenceNetwork(weights).run(input);
        Map<String, float[]> actual =
                ModelRunner.run(model.directory(), input, List.of("embedding"));
        assertClose("embedding", actual.get("embedding"), expected.get("embedding"), TOLERANCE);
    }

    @Test
    void fullSizeSenet50WithClassifierMatchesTheReferenceEndToEnd(@TempDir Path dir) {
        checkFullSize(Architecture.SENET50, 7, dir);
    }

    @Test
    void fullSizeVgg16WithClassifierMatchesTheReferenceEndToEnd(@TempDir Path dir) {
        checkFullSize(Architecture.VGG16, 8, dir);
    }

    private static void checkFullSize(Architecture arch, long seed, Path dir) {
        SyntheticWeights weights = SyntheticWeights.standard(arch, true, seed);
        Path h5 = weights.write(dir.resolve("weights.h5"));

        ConvertedModel model = VggFaceConverter.convert(arch, h5, dir.resolve("model"), null);

        float[] input = ModelRunner.randomInput(seed * 10);
        Map<String, float[]> expected = new ReferenceNetwork(weights).run(input);
        List<String> names = List.of("embedding", "probabilities");
        Map<String, float[]> actual = ModelRunner.run(model.directory(), input, names);
        for (String name : names) {
            assertClose(name, actual.get(name), expected.get(name), TOLERANCE);
        }
    }

    private static void checkBlockByBlock(SyntheticWeights weights, Path dir) {
        Path h5 = weights.write(dir.resolve("weights.h5"));
        NetworkSpec spec =
                new NetworkSpec(weights.architecture(), weights.widthDivisor(), weights.classes());
        ConvertedModel model = VggFaceConverter.convert(spec, h5, dir.resolve("model"), null, true);

        float[] input = ModelRunner.randomInput(weights.classes() * 7L + weights.widthDivisor());
        Map<String, float[]> expected = new ReferenceNetwork(weights).run(input);
        List<String> names = new ArrayList<>(expected.keySet());
        Map<String, float[]> actual = ModelRunner.run(model.directory(), input, names);

        assertThat(model.includeTop()).isEqualTo(expected.containsKey("probabilities"));
        assertThat(names).hasSizeGreaterThan(5);
        for (String name : names) {
            assertClose(name, actual.get(name), expected.get(name), TOLERANCE);
        }
    }
}
