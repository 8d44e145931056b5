package dev.facekit.vggface.convert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.type;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad weight files and arguments give typed errors naming the file, the layer and the shapes. */
class ConverterErrorsTest {

    private static final NetworkSpec SMALL_VGG = new NetworkSpec(Architecture.VGG16, 16, 10);

    private static SyntheticWeights smallVgg() {
        return SyntheticWeights.create(Architecture.VGG16, 16, 10, false, 11);
    }

    private static SyntheticWeights small(Architecture arch) {
        return SyntheticWeights.create(arch, 16, 10, false, 12);
    }

    @Test
    void misnamedLayerIsReportedWithTheExpectedNameAndSimilarOnes(@TempDir Path dir) {
        Path h5 = smallVgg().withLayerRenamed("conv3_2", "conv3_2_x").write(dir.resolve("w.h5"));

        assertThatThrownBy(() -> convert(SMALL_VGG, h5, dir.resolve("out")))
                .asInstanceOf(type(WeightsFileException.class))
                .satisfies(e -> assertThat(e.layer()).contains("conv3_2"))
                .satisfies(e -> assertThat(e.file()).isEqualTo(h5))
                .extracting(Throwable::getMessage)
                .asString()
                .contains("layer 'conv3_2'", "no such layer", "conv3_2_x");
    }

    @Test
    void wrongKernelShapeNamesTheLayerAndBothShapes(@TempDir Path dir) {
        Path h5 =
                smallVgg()
                        .withWeightShape("conv2_1", "kernel", 3, 3, 4, 16)
                        .write(dir.resolve("w.h5"));

        assertThatThrownBy(() -> convert(SMALL_VGG, h5, dir.resolve("out")))
                .isInstanceOf(WeightsFileException.class)
                .hasMessageContaining("layer 'conv2_1'")
                .hasMessageContaining(
                        "'conv2_1/kernel:0' has shape [3, 3, 4, 16], expected [3, 3, 4, 8]");
    }

    @Test
    void wrongBatchNormShapeNamesTheBatchNormLayer(@TempDir Path dir) {
        Path h5 =
                small(Architecture.RESNET50)
                        .withWeightShape("conv3_2_3x3/bn", "moving_variance", 9)
                        .write(dir.resolve("w.h5"));
        NetworkSpec spec = new NetworkSpec(Architecture.RESNET50, 16, 10);

        assertThatThrownBy(() -> convert(spec, h5, dir.resolve("out")))
                .isInstanceOf(WeightsFileException.class)
                .hasMessageContaining("layer 'conv3_2_3x3/bn'")
                .hasMessageContaining("has shape [9], expected [8]");
    }

    @Test
    void layerWithAWeightTheNetworkDoesNotHaveIsRefused(@TempDir Path dir) {
        Path h5 =
                small(Architecture.RESNET50)
                        .withExtraBias("conv4_3_3x3")
                        .write(dir.resolve("w.h5"));
        NetworkSpec spec = new NetworkSpec(Architecture.RESNET50, 16, 10);

        assertThatThrownBy(() -> convert(spec, h5, dir.resolve("out")))
                .isInstanceOf(WeightsFileException.class)
                .hasMessageContaining("layer 'conv4_3_3x3'")
                .hasMessageContaining(
                        "expected weights [kernel] but the layer has [conv4_3_3x3/kernel:0,"
                                + " conv4_3_3x3/bias:0]");
    }

    @Test
    void networkOfOtherWidthsFailsOnTheFirstLayerWithThePublishedShape(@TempDir Path dir) {
        Path h5 = smallVgg().write(dir.resolve("w.h5"));

        assertThatThrownBy(
                        () ->
                                VggFaceConverter.convert(
                                        Architecture.VGG16, h5, dir.resolve("out"), null))
                .isInstanceOf(WeightsFileException.class)
                .hasMessageContaining("layer 'conv1_1'")
                .hasMessageContaining("has shape [3, 3, 3, 4], expected [3, 3, 3, 64]");
        assertThat(dir.resolve("out")).doesNotExist();
    }

    @Test
    void truncatedFileIsReportedAsTruncated(@TempDir Path dir) throws IOException {
        Path whole = small(Architecture.RESNET50).write(dir.resolve("whole.h5"));
        byte[] bytes = Files.readAllBytes(whole);
        Path cut =
                Files.write(
                        dir.resolve("cut.h5"), java.util.Arrays.copyOf(bytes, bytes.length / 2));

        assertThatThrownBy(
                        () ->
                                convert(
                                        new NetworkSpec(Architecture.RESNET50, 16, 10),
                                        cut,
                                        dir.resolve("out")))
                .isInstanceOf(WeightsFileException.class)
                .hasMessageContaining("truncated: the file has " + bytes.length / 2 + " bytes")
                .hasMessageContaining("says " + bytes.length);
    }

    @Test
    void resnetFileGivenAsVgg16NamesTheArchitectureItHolds(@TempDir Path dir) {
        Path h5 = small(Architecture.RESNET50).write(dir.resolve("w.h5"));

        assertThatThrownBy(() -> convert(SMALL_VGG, h5, dir.resolve("out")))
                .isInstanceOf(WeightsFileException.class)
                .hasMessageContaining("holds RESNET50 weights")
                .hasMessageContaining("not VGG16")
                .hasMessageContaining("architecture resnet50");
    }

    @Test
    void senetFileGivenAsResnet50NamesTheSqueezeExcitationLayer(@TempDir Path dir) {
        Path h5 = small(Architecture.SENET50).write(dir.resolve("w.h5"));

        assertThatThrownBy(
                        () ->
                                convert(
                                        new NetworkSpec(Architecture.RESNET50, 16, 10),
                                        h5,
                                        dir.resolve("out")))
                .isInstanceOf(WeightsFileException.class)
                .hasMessageContaining(
                        "holds SENET50 weights (layer conv2_1_1x1_down), not RESNET50");
    }

    @Test
    void vggFileGivenAsSenet50IsRefused(@TempDir Path dir) {
        Path h5 = smallVgg().write(dir.resolve("w.h5"));

        assertThatThrownBy(
                        () ->
                                convert(
                                        new NetworkSpec(Architecture.SENET50, 16, 10),
                                        h5,
                                        dir.resolve("out")))
                .isInstanceOf(WeightsFileException.class)
                .hasMessageContaining("holds VGG16 weights (layer conv1_1), not SENET50");
    }

    @Test
    void fileThatIsNotHdf5IsRefused(@TempDir Path dir) throws IOException {
        Path h5 = Files.writeString(dir.resolve("w.h5"), "<html>404 Not Found</html>");

        assertThatThrownBy(() -> convert(SMALL_VGG, h5, dir.resolve("out")))
                .isInstanceOf(WeightsFileException.class)
                .hasMessageContaining("not an HDF5 file");
    }

    @Test
    void missingFileIsRefused(@TempDir Path dir) {
        Path h5 = dir.resolve("absent.h5");

        assertThatThrownBy(() -> convert(SMALL_VGG, h5, dir.resolve("out")))
                .isInstanceOf(WeightsFileException.class)
                .hasMessage(h5 + ": no such file");
    }

    @Test
    void nonEmptyOutputDirectoryIsRefusedAndLeftAlone(@TempDir Path dir) throws IOException {
        Path h5 = smallVgg().write(dir.resolve("w.h5"));
        Path out = Files.createDirectories(dir.resolve("out"));
        Files.writeString(out.resolve("keep.txt"), "mine");

        assertThatThrownBy(() -> convert(SMALL_VGG, h5, out))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(out + ": output directory is not empty");
        assertThat(out.resolve("keep.txt")).hasContent("mine");
    }

    @Test
    void wholeModelFileWithModelWeightsGroupConverts(@TempDir Path dir) {
        Path h5 = smallVgg().write(dir.resolve("w.h5"), true);

        ConvertedModel model = convert(SMALL_VGG, h5, dir.resolve("out"));

        assertThat(model.includeTop()).isFalse();
        assertThat(dir.resolve("out/saved_model.pb")).exists();
    }

    @Test
    void layerNamesSplitIntoNumberedAttributesAreJoined(@TempDir Path dir) {
        Path h5 = small(Architecture.SENET50).write(dir.resolve("w.h5"), false, 3);

        ConvertedModel model =
                convert(new NetworkSpec(Architecture.SENET50, 16, 10), h5, dir.resolve("out"));

        assertThat(model.parameters()).isPositive();
        assertThat(model.descriptor().name()).isEqualTo("vggface2-senet50");
    }

    @Test
    void architectureNamesParseForTheCommandLine() {
        assertThat(Architecture.parse("VGG16")).isEqualTo(Architecture.VGG16);
        assertThat(Architecture.parse(" resnet50")).isEqualTo(Architecture.RESNET50);
        assertThat(Architecture.parse("senet50")).isEqualTo(Architecture.SENET50);
        assertThatThrownBy(() -> Architecture.parse("resnet"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown architecture 'resnet', expected vgg16, resnet50 or senet50");
    }

    private static ConvertedModel convert(NetworkSpec spec, Path h5, Path out) {
        return VggFaceConverter.convert(spec, h5, out, null, false);
    }
}
