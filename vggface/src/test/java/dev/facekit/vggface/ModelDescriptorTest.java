package dev.facekit.vggface;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.facekit.align.BoxCropper;
import dev.facekit.align.LandmarkAligner;
import dev.facekit.embed.Metric;
import dev.facekit.model.ModelException;
import dev.facekit.vggface.ModelDescriptor.BoxCrop;
import dev.facekit.vggface.ModelDescriptor.ChannelOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelDescriptorTest {

    private static final String VALID =
            """
            { "format": "facekit-model", "version": 1, "name": "m", "inputSize": 4,
              "channelOrder": "BGR", "mean": [1, 2, 3.5], "scale": 0.25,
              "crop": {"type": "box", "margin": 2.5},
              "signature": "serving_default", "input": "in", "output": "out",
              "dimension": 8, "normalize": true,
              "classifier": {"output": "prob", "classes": 5, "labels": "labels.txt"},
              "threshold": {"metric": "COSINE", "distance": 0.5, "source": "guess"} }
            """;

    private static String replace(String from, String to) {
        assertThat(VALID).contains(from);
        return VALID.replace(from, to);
    }

    @Test
    void readsEveryField() {
        ModelDescriptor d = ModelDescriptor.parse(VALID, "x.json");
        assertThat(d.name()).isEqualTo("m");
        assertThat(d.inputSize()).isEqualTo(4);
        assertThat(d.channelOrder()).isEqualTo(ChannelOrder.BGR);
        assertThat(d.mean()).containsExactly(1.0, 2.0, 3.5);
        assertThat(d.scale()).isEqualTo(0.25);
        assertThat(d.crop()).isEqualTo(new BoxCrop(2.5f));
        assertThat(d.cropper()).isEqualTo(new BoxCropper(4, 2.5f));
        assertThat(d.signature()).isEqualTo("serving_default");
        assertThat(d.input()).isEqualTo("in");
        assertThat(d.output()).isEqualTo("out");
        assertThat(d.dimension()).isEqualTo(8);
        assertThat(d.normalize()).isTrue();
        assertThat(d.classifier().orElseThrow().output()).isEqualTo("prob");
        assertThat(d.classifier().orElseThrow().classes()).isEqualTo(5);
        assertThat(d.classifier().orElseThrow().labels()).contains("labels.txt");
        assertThat(d.threshold().metric()).isEqualTo(Metric.COSINE);
        assertThat(d.threshold().distance()).isEqualTo(0.5);
        assertThat(d.threshold().source()).isEqualTo("guess");
    }

    @Test
    void writesAndReadsBackEqualDescriptors(@TempDir Path dir) {
        ModelDescriptor tiny = TinyModels.descriptor(ChannelOrder.RGB, false);
        Path file = dir.resolve(ModelDescriptor.FILE_NAME);
        tiny.write(file);
        assertThat(ModelDescriptor.read(file)).isEqualTo(tiny);
        assertThat(tiny.cropper()).isInstanceOf(LandmarkAligner.class);

        ModelDescriptor box = ModelDescriptor.parse(VALID, "x.json");
        assertThat(ModelDescriptor.parse(box.toJson(), "y.json")).isEqualTo(box);
    }

    @Test
    void classifierIsOptional() {
        String json = VALID.replaceAll("\"classifier\": \\{[^}]*\\},", "");
        assertThat(ModelDescriptor.parse(json, "x.json").classifier()).isEmpty();
    }

    @Test
    void missingFileNamesThePath(@TempDir Path dir) {
        Path file = dir.resolve("facekit-model.json");
        assertThatThrownBy(() -> ModelDescriptor.read(file))
                .isInstanceOf(ModelException.class)
                .hasMessage(file.toAbsolutePath() + ": model descriptor not found");
    }

    @Test
    void missingFieldIsNamed(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("facekit-model.json");
        Files.writeString(file, replace("\"dimension\": 8,", ""));
        assertThatThrownBy(() -> ModelDescriptor.read(file))
                .isInstanceOf(ModelException.class)
                .hasMessage(file.toAbsolutePath() + ": missing field 'dimension'");
    }

    @Test
    void missingNestedFieldIsNamedWithItsPath() {
        assertThatThrownBy(
                        () -> ModelDescriptor.parse(replace("\"distance\": 0.5, ", ""), "x.json"))
                .isInstanceOf(ModelException.class)
                .hasMessage("x.json: missing field 'threshold.distance'");
    }

    @Test
    void badMetricListsTheKnownOnes() {
        assertThatThrownBy(
                        () ->
                                ModelDescriptor.parse(
                                        replace("\"COSINE\"", "\"MANHATTAN\""), "x.json"))
                .isInstanceOf(ModelException.class)
                .hasMessage(
                        "x.json: field 'threshold.metric': expected one of [COSINE, EUCLIDEAN],"
                                + " got \"MANHATTAN\"");
    }

    @Test
    void badChannelOrderAndCropTypeAreNamed() {
        assertThatThrownBy(() -> ModelDescriptor.parse(replace("\"BGR\"", "\"GRB\""), "x.json"))
                .hasMessage(
                        "x.json: field 'channelOrder': expected one of [RGB, BGR], got \"GRB\"");
        assertThatThrownBy(() -> ModelDescriptor.parse(replace("\"box\"", "\"circle\""), "x.json"))
                .hasMessage(
                        "x.json: field 'crop.type': expected \"template\" or \"box\", got"
                                + " \"circle\"");
    }

    @Test
    void wrongTypesAndValuesAreNamed() {
        assertThatThrownBy(
                        () ->
                                ModelDescriptor.parse(
                                        replace("\"dimension\": 8", "\"dimension\": " + "\"8\""),
                                        "x.json"))
                .hasMessage("x.json: field 'dimension' must be an integer, got \"8\"");
        assertThatThrownBy(() -> ModelDescriptor.parse(replace("[1, 2, 3.5]", "[1, 2]"), "x.json"))
                .hasMessage("x.json: field 'mean' must hold 3 numbers (one per channel), got 2");
        assertThatThrownBy(
                        () ->
                                ModelDescriptor.parse(
                                        replace("\"scale\": 0.25", "\"scale\": 0"), "x.json"))
                .hasMessage("x.json: field 'scale' must be finite and > 0, got 0.0");
        assertThatThrownBy(
                        () ->
                                ModelDescriptor.parse(
                                        replace("\"distance\": 0.5", "\"distance\": -1"), "x.json"))
                .hasMessage(
                        "x.json: field 'threshold': threshold distance must be finite and >= 0,"
                                + " got -1.0");
        assertThatThrownBy(
                        () ->
                                ModelDescriptor.parse(
                                        replace("\"classes\": 5", "\"classes\": 0"), "x.json"))
                .hasMessage("x.json: field 'classifier.classes' must be > 0, got 0");
    }

    @Test
    void templateSizeMustMatchInputSize() {
        String json =
                replace(
                        "{\"type\": \"box\", \"margin\": 2.5}",
                        "{\"type\": \"template\", \"size\": 150, \"points\": [[1,1],[2,1],[1.5,2],"
                                + "[1,3],[2,3]]}");
        assertThatThrownBy(() -> ModelDescriptor.parse(json, "x.json"))
                .hasMessage("x.json: field 'crop.size' must equal inputSize 4, got 150");
        String fourPoints = json.replace(",[2,3]]", "]").replace("150", "4");
        assertThatThrownBy(() -> ModelDescriptor.parse(fourPoints, "x.json"))
                .hasMessage(
                        "x.json: field 'crop.points' must be an array of 5 [x, y] points, got"
                                + " [[1,1],[2,1],[1.5,2],[1,3]]");
    }

    @Test
    void unknownFieldsWrongFormatAndVersionAreRejected() {
        assertThatThrownBy(
                        () ->
                                ModelDescriptor.parse(
                                        replace("\"normalize\"", "\"normalise\""), "x.json"))
                .hasMessageStartingWith("x.json: unknown field 'normalise', known: [channelOrder,");
        assertThatThrownBy(
                        () ->
                                ModelDescriptor.parse(
                                        replace("\"version\": 1", "\"version\": 2"), "x.json"))
                .hasMessage("x.json: field 'version': this FaceKit reads version 1, got 2");
        assertThatThrownBy(
                        () ->
                                ModelDescriptor.parse(
                                        replace("\"facekit-model\"", "\"keras\""), "x.json"))
                .hasMessage("x.json: field 'format': expected \"facekit-model\", got \"keras\"");
        assertThatThrownBy(() -> ModelDescriptor.parse("{ not json", "x.json"))
                .isInstanceOf(ModelException.class)
                .hasMessageStartingWith("x.json: not valid JSON: ");
    }

    @Test
    void classifierOutputMustDifferFromTheEmbeddingOutput() {
        assertThatThrownBy(() -> ModelDescriptor.parse(replace("\"prob\"", "\"out\""), "x.json"))
                .hasMessage(
                        "x.json: field 'classifier.output' must differ from 'output', both are"
                                + " 'out'");
        assertThat(
                        TinyModels.descriptor(ChannelOrder.RGB, false)
                                .withClassifier(Optional.empty())
                                .classifier())
                .isEmpty();
    }
}
