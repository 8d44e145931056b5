package dev.facekit.cli;

import static dev.facekit.cli.Cli.fields;
import static dev.facekit.cli.Cli.png;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import dev.facekit.embed.Embedding;
import dev.facekit.embed.Metric;
import dev.facekit.match.Gallery;
import dev.facekit.model.ModelException;
import dev.facekit.vggface.ModelDescriptor;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CliTest {

    private static final int RED = 0xFF0000;
    private static final int BLUE = 0x0000FF;

    @TempDir Path dir;

    @Test
    void versionPrintsTheProjectVersionAndExitsZero() {
        Cli.Run run = Cli.run("--version");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.outLines().get(0)).isEqualTo("facekit 0.1.0-SNAPSHOT");
        assertThat(run.err()).isEmpty();
    }

    @Test
    void helpListsEveryCommandAndTheExitCodes() {
        Cli.Run run = Cli.run("--help");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out())
                .contains("detect", "extract", "embed", "verify", "enroll", "identify")
                .contains("convert", "eval", "calibrate", "demo")
                .contains("3   at least one input could not be processed");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "detect",
                "extract",
                "embed",
                "verify",
                "enroll",
                "identify",
                "convert",
                "convert vggface",
                "eval",
                "eval verify",
                "eval detect",
                "calibrate",
                "demo"
            })
    void everyCommandHasHelp(String command) {
        String[] args = (command + " --help").split(" ");

        Cli.Run run = Cli.run(args);

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).startsWith("Usage: facekit " + command);
    }

    @Test
    void anUnknownOptionIsWrongUsageWithOneLineOnStderr() {
        Cli.Run run = Cli.run("detect", "--no-such-option", "a.jpg");

        assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
        assertThat(run.errLines())
                .containsExactly(
                        "facekit detect: Unknown option: '--no-such-option' (see 'facekit detect"
                                + " --help')");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void aMissingArgumentOrCommandIsWrongUsage() {
        assertThat(Cli.run("verify", "only-one.jpg").exitCode()).isEqualTo(2);
        assertThat(Cli.run().exitCode()).isEqualTo(2);
        assertThat(Cli.run("eval").exitCode()).isEqualTo(2);
        assertThat(Cli.run("detect", "--min-face", "0", "a.jpg").errLines())
                .containsExactly(
                        "facekit detect: option '--min-face' must be positive, found 0.0 (see"
                                + " 'facekit detect --help')");
    }

    @Test
    void detectWritesOneJsonObjectPerImageWithTheContractsFieldNames() {
        Path image = png(dir.resolve("red.png"), 40, 20, RED);

        Cli.Run run = Cli.run("detect", "--json", image.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).isEmpty();
        JsonNode node = run.json().get(0);
        assertThat(fields(node)).containsExactly("image", "width", "height", "faces");
        assertThat(node.get("image").asText()).isEqualTo(image.toString());
        assertThat(node.get("width").asInt()).isEqualTo(40);
        assertThat(node.get("height").asInt()).isEqualTo(20);
        JsonNode face = node.get("faces").get(0);
        assertThat(fields(face)).containsExactly("box", "confidence", "landmarks");
        assertThat(fields(face.get("box"))).containsExactly("x", "y", "width", "height");
        assertThat(face.get("box").get("x").asDouble()).isEqualTo(10.0);
        assertThat(face.get("box").get("width").asDouble()).isEqualTo(20.0);
        assertThat(face.get("confidence").asDouble()).isCloseTo(0.97, within(1e-6));
        assertThat(fields(face.get("landmarks")))
                .containsExactly("leftEye", "rightEye", "nose", "mouthLeft", "mouthRight");
        assertThat(fields(face.get("landmarks").get("nose"))).containsExactly("x", "y");
        assertThat(face.get("landmarks").get("nose").get("x").asDouble()).isEqualTo(20.0);
    }

    @Test
    void aBadInputAmongGoodOnesExitsThreeAndTheOthersAreStillProcessed() throws IOException {
        Path good = png(dir.resolve("good.png"), 30, 30, RED);
        Path broken = Files.writeString(dir.resolve("broken.jpg"), "not an image");
        Path missing = dir.resolve("missing.png");
        Path last = png(dir.resolve("last.png"), 30, 30, BLUE);

        Cli.Run run =
                Cli.run(
                        "detect",
                        "--json",
                        good.toString(),
                        broken.toString(),
                        missing.toString(),
                        last.toString());

        assertThat(run.exitCode()).as(run.err()).isEqualTo(3);
        List<JsonNode> lines = run.json();
        assertThat(lines).hasSize(4);
        assertThat(lines.get(0).get("faces")).hasSize(1);
        assertThat(fields(lines.get(1))).containsExactly("image", "error");
        assertThat(lines.get(1).get("image").asText()).isEqualTo(broken.toString());
        assertThat(fields(lines.get(1).get("error"))).containsExactly("type", "message");
        assertThat(lines.get(1).get("error").get("type").asText()).isEqualTo("UNKNOWN_FORMAT");
        assertThat(lines.get(2).get("error").get("type").asText()).isEqualTo("NOT_FOUND");
        assertThat(lines.get(3).get("image").asText()).isEqualTo(last.toString());
        assertThat(run.errLines()).hasSize(2);
        assertThat(run.errLines().get(0)).startsWith("facekit detect: " + broken + ": ");
        assertThat(run.errLines().get(1))
                .isEqualTo("facekit detect: " + missing + ": no such file");
    }

    @Test
    void detectReadsTheImagesOfAFolderAndAnnotatesThem() throws IOException {
        png(dir.resolve("in/b.png"), 30, 30, RED);
        png(dir.resolve("in/sub/a.jpeg"), 30, 30, BLUE);
        Files.writeString(dir.resolve("in/notes.txt"), "not an image, skipped by name");
        Path annotated = dir.resolve("annotated");

        Cli.Run run =
                Cli.run("detect", "--annotate", annotated.toString(), dir.resolve("in").toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.outLines())
                .containsExactly(
                        dir.resolve("in/b.png") + ": 30 x 30, 1 face",
                        "  box x=8 y=8 15x15, confidence 0.970",
                        dir.resolve("in/sub/a.jpeg") + ": 30 x 30, 1 face",
                        "  box x=8 y=8 15x15, confidence 0.970");
        BufferedImage picture = ImageIO.read(annotated.resolve("b-faces.png").toFile());
        assertThat(picture.getWidth()).isEqualTo(30);
        // the box outline is drawn in yellow over the red picture
        assertThat(picture.getRGB(8, 15) & 0xFFFFFF).isNotEqualTo(RED);
        assertThat(annotated.resolve("a-faces.png")).exists();
    }

    @Test
    void embedPrintsTheModelAndOneEmbeddingPerFace() {
        Path image = png(dir.resolve("red.png"), 32, 32, RED);

        Cli.Run run = Cli.run("embed", "--json", image.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode node = run.json().get(0);
        assertThat(fields(node)).containsExactly("image", "model", "faces");
        assertThat(node.get("model").asText()).isEqualTo(FakeModels.MODEL);
        JsonNode face = node.get("faces").get(0);
        assertThat(fields(face)).containsExactly("box", "embedding");
        assertThat(face.get("embedding")).hasSize(3);
        assertThat(face.get("embedding").get(0).asDouble()).isEqualTo(1.0);
        assertThat(face.get("embedding").get(2).asDouble()).isEqualTo(0.0);
    }

    @Test
    void embedAlignedTakesChipsOfTheInputSizeAndRejectsOthers() {
        Path chip = png(dir.resolve("chip.png"), 8, 8, BLUE);
        Path big = png(dir.resolve("big.png"), 9, 8, BLUE);

        Cli.Run run = Cli.run("embed", "--aligned", "--json", chip.toString(), big.toString());

        assertThat(run.exitCode()).as(run.err()).isEqualTo(3);
        assertThat(fields(run.json().get(0))).containsExactly("image", "model", "embedding");
        assertThat(run.json().get(0).get("embedding").get(2).asDouble()).isEqualTo(1.0);
        assertThat(run.json().get(1).get("error").get("type").asText()).isEqualTo("WRONG_SIZE");
        assertThat(run.errLines())
                .containsExactly(
                        "facekit embed: " + big + ": --aligned needs a 8 x 8 chip, found 9 x 8");
    }

    @Test
    void verifyMatchesTheSameColourAndRejectsAnother() {
        Path a = png(dir.resolve("a.png"), 30, 30, RED);
        Path b = png(dir.resolve("b.png"), 50, 40, RED);
        Path c = png(dir.resolve("c.png"), 30, 30, BLUE);

        JsonNode same = Cli.run("verify", "--json", a.toString(), b.toString()).json().get(0);
        JsonNode different = Cli.run("verify", "--json", a.toString(), c.toString()).json().get(0);

        assertThat(fields(same))
                .containsExactly(
                        "a",
                        "b",
                        "model",
                        "metric",
                        "similarity",
                        "distance",
                        "threshold",
                        "match");
        assertThat(same.get("a").asText()).isEqualTo(a.toString());
        assertThat(same.get("metric").asText()).isEqualTo("EUCLIDEAN");
        assertThat(same.get("distance").asDouble()).isEqualTo(0.0);
        assertThat(same.get("similarity").asDouble()).isCloseTo(1.0, within(1e-9));
        assertThat(same.get("threshold").asDouble()).isEqualTo(0.1);
        assertThat(same.get("match").asBoolean()).isTrue();
        assertThat(different.get("distance").asDouble()).isCloseTo(Math.sqrt(2), within(1e-6));
        assertThat(different.get("similarity").asDouble()).isCloseTo(0.0, within(1e-9));
        assertThat(different.get("match").asBoolean()).isFalse();
    }

    @Test
    void verifyGivesNullMatchAndAReasonWhenASideHasNoFace() {
        Path a = png(dir.resolve("a.png"), 30, 30, RED);
        Path dark = png(dir.resolve("dark.png"), 30, 30, 0x000000);

        Cli.Run run = Cli.run("verify", "--json", a.toString(), dark.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode node = run.json().get(0);
        assertThat(node.get("match").isNull()).isTrue();
        assertThat(node.get("distance").isNull()).isTrue();
        assertThat(node.get("reason").asText()).isEqualTo("no face found in " + dark);
    }

    @Test
    void verifyTakesAThresholdAndAnotherMetricOnlyWithOne() {
        Path a = png(dir.resolve("a.png"), 30, 30, 0xC80000);
        Path b = png(dir.resolve("b.png"), 30, 30, 0x960000);

        JsonNode loose =
                Cli.run("verify", "--json", "--threshold", "0.2", a.toString(), b.toString())
                        .json()
                        .get(0);
        Cli.Run cosineWithout = Cli.run("verify", "--metric", "cosine", a.toString(), b.toString());

        assertThat(loose.get("distance").asDouble()).isCloseTo(50 / 255.0, within(1e-6));
        assertThat(loose.get("match").asBoolean()).isTrue();
        assertThat(cosineWithout.exitCode()).as(cosineWithout.err()).isEqualTo(2);
    }

    @Test
    void extractWritesOneCropPerFace() throws IOException {
        Path image = png(dir.resolve("photo.png"), 40, 40, BLUE);
        Path out = dir.resolve("crops");

        Cli.Run run =
                Cli.run(
                        "extract",
                        "--json",
                        "--size",
                        "16",
                        "--out",
                        out.toString(),
                        image.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode node = run.json().get(0);
        assertThat(fields(node)).containsExactly("image", "faces");
        assertThat(fields(node.get("faces").get(0))).containsExactly("box", "file");
        Path crop = out.resolve("photo-face1.png");
        assertThat(node.get("faces").get(0).get("file").asText()).isEqualTo(crop.toString());
        BufferedImage picture = ImageIO.read(crop.toFile());
        assertThat(picture.getWidth()).isEqualTo(16);
        assertThat(picture.getRGB(8, 8) & 0xFFFFFF).isEqualTo(BLUE);
    }

    @Test
    void enrollThenIdentifyFindsTheEnrolledPersonAndLeavesStrangersUnknown() {
        png(dir.resolve("people/alice/1.png"), 30, 30, RED);
        png(dir.resolve("people/alice/2.png"), 30, 30, 0xF00000);
        png(dir.resolve("people/bob/1.png"), 30, 30, BLUE);
        png(dir.resolve("people/bob/dark.png"), 30, 30, 0x000000);
        Path gallery = dir.resolve("g/people.gallery");

        Cli.Run enroll =
                Cli.run(
                        "enroll",
                        "--json",
                        "--gallery",
                        gallery.toString(),
                        dir.resolve("people").toString());
        Path query = png(dir.resolve("query.png"), 30, 30, 0xFA0000);
        Path stranger = png(dir.resolve("stranger.png"), 30, 30, 0x00FF00);
        Cli.Run identify =
                Cli.run(
                        "identify",
                        "--json",
                        "--gallery",
                        gallery.toString(),
                        "--top",
                        "2",
                        query.toString(),
                        stranger.toString());

        assertThat(enroll.exitCode()).as(enroll.err()).isEqualTo(3); // bob/dark.png has no face
        List<JsonNode> enrolled = enroll.json();
        assertThat(fields(enrolled.get(0))).containsExactly("image", "identity", "box");
        assertThat(enrolled.get(2).get("identity").asText()).isEqualTo("bob");
        assertThat(enrolled.get(3).get("error").get("type").asText()).isEqualTo("NO_FACE");
        JsonNode summary = enrolled.get(4);
        assertThat(fields(summary))
                .containsExactly("gallery", "model", "identities", "embeddings", "added");
        assertThat(summary.get("identities").asInt()).isEqualTo(2);
        assertThat(summary.get("embeddings").asInt()).isEqualTo(3);
        assertThat(gallery).exists();

        assertThat(identify.exitCode()).as(identify.err()).isZero();
        JsonNode known = identify.json().get(0);
        assertThat(fields(known)).containsExactly("image", "faces");
        JsonNode face = known.get("faces").get(0);
        assertThat(fields(face))
                .containsExactly("box", "candidates", "metric", "threshold", "identity");
        assertThat(face.get("identity").asText()).isEqualTo("alice");
        assertThat(face.get("candidates")).hasSize(2);
        assertThat(fields(face.get("candidates").get(0)))
                .containsExactly("identity", "similarity", "distance");
        // The decision is the first candidate's distance against the threshold, in the metric.
        assertThat(face.get("candidates").get(0).get("distance").asDouble())
                .isLessThanOrEqualTo(face.get("threshold").asDouble());
        assertThat(face.get("metric").asText()).isIn("cosine", "euclidean");
        assertThat(face.get("candidates").get(1).get("identity").asText()).isEqualTo("bob");
        JsonNode unknown = identify.json().get(1).get("faces").get(0);
        assertThat(unknown.get("identity").isNull()).isTrue();
    }

    @Test
    void enrollAddsToAnExistingGallery() {
        png(dir.resolve("first/alice/1.png"), 30, 30, RED);
        png(dir.resolve("second/alice/1.png"), 30, 30, 0xF00000);
        png(dir.resolve("second/carol/1.png"), 30, 30, 0x00FF00);
        Path gallery = dir.resolve("people.gallery");

        Cli.run("enroll", "--gallery", gallery.toString(), dir.resolve("first").toString());
        Cli.Run second =
                Cli.run(
                        "enroll",
                        "--gallery",
                        gallery.toString(),
                        dir.resolve("second").toString());

        assertThat(second.exitCode()).as(second.err()).isZero();
        assertThat(second.outLines().get(second.outLines().size() - 1))
                .isEqualTo(gallery + ": 2 identities, 3 embeddings (2 added), model fake-mean-rgb");
    }

    @Test
    void enrollNamesIdentitiesAfterTheFirstLevelFolderAndWarnsAboutLoosePhotos() {
        png(dir.resolve("nested/Ada/2019/1.png"), 30, 30, RED);
        png(dir.resolve("nested/Grace/2019/1.png"), 30, 30, BLUE);
        png(dir.resolve("nested/loose.png"), 30, 30, 0x00FF00);
        Path gallery = dir.resolve("nested.gallery");

        Cli.Run run =
                Cli.run(
                        "enroll",
                        "--json",
                        "--gallery",
                        gallery.toString(),
                        dir.resolve("nested").toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        List<JsonNode> lines = run.json();
        assertThat(lines.get(0).get("identity").asText()).isEqualTo("Ada");
        assertThat(lines.get(1).get("identity").asText()).isEqualTo("Grace");
        assertThat(lines.get(2).get("identities").asInt()).isEqualTo(2);
        assertThat(run.errLines())
                .containsExactly(
                        "facekit enroll: "
                                + dir.resolve("nested")
                                + ": 1 photo directly in the folder skipped: put each person's"
                                + " photos in a subfolder named after them");
        assertThat(dir.resolve("nested.gallery.lock")).exists();
    }

    /** Five pairs: 2 same and 2 different with a distance, and a same pair without a face. */
    private Path tinyPairs() throws IOException {
        png(dir.resolve("data/r100.png"), 30, 30, 0x640000);
        png(dir.resolve("data/r130.png"), 30, 30, 0x820000);
        png(dir.resolve("data/r200.png"), 30, 30, 0xC80000);
        png(dir.resolve("data/r210.png"), 30, 30, 0xD20000);
        png(dir.resolve("data/dark.png"), 30, 30, 0x000000);
        return Files.writeString(
                dir.resolve("pairs.csv"),
                """
                file_a,file_b,same
                r200.png,r210.png,1
                r100.png,r130.png,1
                r130.png,r200.png,0
                r100.png,r210.png,0
                r100.png,dark.png,1
                """);
    }

    @Test
    void evalVerifyWithMoreFoldsThanPairsIsAUsageErrorThatSaysWhy() throws IOException {
        Path pairs = tinyPairs();

        Cli.Run run =
                Cli.run(
                        "eval",
                        "verify",
                        "--no-cache",
                        "--folds",
                        "100",
                        "--pairs",
                        pairs.toString(),
                        "--root",
                        dir.resolve("data").toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.errLines())
                .containsExactly(
                        "facekit eval verify: pairs.csv: fold 1 of 100 is empty: 5 pairs; 100-fold"
                                + " cross-validation needs every fold to hold same and different"
                                + " pairs with a distance: give fewer --folds or more pairs (see"
                                + " 'facekit eval verify --help')");
    }

    @Test
    void evalVerifyReportsExactlyTheContractsFieldsWithHandComputedValues() throws IOException {
        Path pairs = tinyPairs();

        Cli.Run run =
                Cli.run(
                        "eval",
                        "verify",
                        "--json",
                        "--no-cache",
                        "--folds",
                        "2",
                        "--pairs",
                        pairs.toString(),
                        "--root",
                        dir.resolve("data").toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode r = run.json().get(0);
        assertThat(fields(r))
                .containsExactly(
                        "pairs",
                        "missing",
                        "metric",
                        "threshold",
                        "accuracy",
                        "bestThreshold",
                        "bestAccuracy",
                        "folds",
                        "foldAccuracy",
                        "foldAccuracyStd",
                        "auc",
                        "eer",
                        "tarAtFar1e2",
                        "tarAtFar1e3");
        assertThat(r.get("pairs").asInt()).isEqualTo(5);
        assertThat(r.get("missing").asInt()).isEqualTo(1);
        assertThat(r.get("metric").asText()).isEqualTo("EUCLIDEAN");
        // at 0.1 only the same pair at 10/255 and both different pairs are right: 3 of 5
        assertThat(r.get("accuracy").asDouble()).isCloseTo(0.6, within(1e-9));
        // accepting both same pairs (30/255) and no different one (70/255): 4 of 5, midpoint 50/255
        assertThat(r.get("bestAccuracy").asDouble()).isCloseTo(0.8, within(1e-9));
        assertThat(r.get("bestThreshold").asDouble()).isCloseTo(50 / 255.0, within(1e-6));
        assertThat(r.get("folds").asInt()).isEqualTo(2);
        assertThat(r.get("auc").asDouble()).isEqualTo(1.0);
        assertThat(r.get("eer").asDouble()).isEqualTo(0.0);
        assertThat(r.get("tarAtFar1e3").asDouble()).isEqualTo(1.0);
    }

    @Test
    void evalVerifyPrintsATableAndDrawsThePlot() throws IOException {
        Path pairs = tinyPairs();
        Path plot = dir.resolve("plots/roc.png");

        Cli.Run run =
                Cli.run(
                        "eval",
                        "verify",
                        "--cache",
                        dir.resolve("cache/embeddings.json").toString(),
                        "--pairs",
                        pairs.toString(),
                        "--root",
                        dir.resolve("data").toString(),
                        "--plot",
                        plot.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out())
                .contains("  pairs              5")
                .contains("  accuracy           0.6000")
                .contains("missing: dark.png (no face found)");
        assertThat(plot).exists();
        assertThat(dir.resolve("cache/embeddings.json")).exists();
    }

    @Test
    void calibrateWritesTheThresholdIntoACopyOfADescriptor() throws IOException {
        Path pairs = tinyPairs();
        Path model = Files.createDirectories(dir.resolve("model"));
        Files.writeString(
                model.resolve("facekit-model.json"),
                """
                { "format": "facekit-model", "version": 1, "name": "fake-mean-rgb",
                  "inputSize": 8, "channelOrder": "RGB", "mean": [0, 0, 0], "scale": 1,
                  "crop": {"type": "box", "margin": 0}, "signature": "serving_default",
                  "input": "in", "output": "out", "dimension": 3, "normalize": false,
                  "threshold": {"metric": "EUCLIDEAN", "distance": 0.1, "source": "guess"} }
                """);

        Cli.Run run =
                Cli.run(
                        "calibrate",
                        "--json",
                        "--no-cache",
                        "--far",
                        "0",
                        "--write",
                        "--model",
                        model.toString(),
                        "--pairs",
                        pairs.toString(),
                        "--root",
                        dir.resolve("data").toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode r = run.json().get(0);
        assertThat(fields(r))
                .containsExactly(
                        "model",
                        "metric",
                        "threshold",
                        "targetFar",
                        "far",
                        "tar",
                        "source",
                        "written");
        // FAR 0 allows no different pair: the largest accepted distance is the same pair at 30/255
        assertThat(r.get("threshold").asDouble()).isCloseTo(30 / 255.0, within(1e-6));
        assertThat(r.get("tar").asDouble()).isEqualTo(1.0);
        ModelDescriptor written = ModelDescriptor.read(model.resolve("facekit-model.json"));
        assertThat(written.threshold().metric()).isEqualTo(Metric.EUCLIDEAN);
        assertThat(written.threshold().distance()).isCloseTo(30 / 255.0, within(1e-6));
        assertThat(written.threshold().source()).contains("pairs.csv").contains("FAR <= 0");
        assertThat(written.name()).isEqualTo("fake-mean-rgb");
    }

    @Test
    void calibrateWithoutWriteOnlyPrintsAndWriteNeedsAModelFolder() throws IOException {
        Path pairs = tinyPairs();
        String root = dir.resolve("data").toString();

        Cli.Run printed =
                Cli.run(
                        "calibrate",
                        "--no-cache",
                        "--far",
                        "0",
                        "--pairs",
                        pairs.toString(),
                        "--root",
                        root);
        Cli.Run refused =
                Cli.run(
                        "calibrate",
                        "--write",
                        "--far",
                        "0",
                        "--pairs",
                        pairs.toString(),
                        "--root",
                        root);

        assertThat(printed.exitCode()).as(printed.err()).isZero();
        assertThat(printed.outLines().get(0)).startsWith("euclidean threshold 0.1176: calibrated");
        assertThat(refused.exitCode()).as(refused.err()).isEqualTo(2);
    }

    @Test
    void evalDetectReportsPrecisionRecallAndTheMisses() throws IOException {
        png(dir.resolve("data/one.png"), 40, 40, RED);
        png(dir.resolve("data/dark.png"), 40, 40, 0x000000);
        Path csv =
                Files.writeString(
                        dir.resolve("boxes.csv"),
                        """
                        file,x,y,width,height
                        one.png,10,10,20,20
                        dark.png,5,5,10,10
                        """);

        Cli.Run run =
                Cli.run(
                        "eval",
                        "detect",
                        "--json",
                        "--annotations",
                        csv.toString(),
                        "--root",
                        dir.resolve("data").toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode r = run.json().get(0);
        assertThat(fields(r))
                .containsExactly(
                        "iouThreshold",
                        "images",
                        "groundTruth",
                        "detections",
                        "truePositives",
                        "precision",
                        "recall",
                        "averagePrecision",
                        "misses",
                        "falsePositives");
        assertThat(r.get("precision").asDouble()).isEqualTo(1.0);
        assertThat(r.get("recall").asDouble()).isEqualTo(0.5);
        assertThat(r.get("averagePrecision").asDouble()).isEqualTo(0.5);
        assertThat(r.get("misses").get(0).get("file").asText()).isEqualTo("dark.png");
        assertThat(fields(r.get("misses").get(0))).containsExactly("file", "box", "bestIou");
    }

    @Test
    void aModelThatCannotBeLoadedExitsOneWithOneLineAndNoStackTrace() {
        FakeModels broken =
                new FakeModels() {
                    @Override
                    public dev.facekit.embed.FaceEmbedder embedder(Path modelDir) {
                        throw new ModelException("no SavedModel in " + modelDir);
                    }
                };
        Path a = png(dir.resolve("a.png"), 30, 30, RED);

        Cli.Run quiet = Cli.run(broken, "verify", "--model", "nowhere", a.toString(), a.toString());
        Cli.Run verbose =
                Cli.run(broken, "verify", "-v", "--model", "nowhere", a.toString(), a.toString());

        assertThat(quiet.exitCode()).as(quiet.err()).isEqualTo(1);
        assertThat(quiet.errLines()).containsExactly("facekit verify: no SavedModel in nowhere");
        assertThat(verbose.exitCode()).as(verbose.err()).isEqualTo(1);
        assertThat(verbose.err()).contains("ModelException").contains("\tat ");
    }

    @Test
    void everyCommandClosesTheModelsItOpened() throws IOException {
        FakeModels models = new FakeModels();
        Path a = png(dir.resolve("a.png"), 30, 30, RED);
        Path pairs = tinyPairs();

        Cli.run(models, "detect", a.toString());
        Cli.run(models, "embed", a.toString());
        Cli.run(models, "verify", a.toString(), a.toString());
        Cli.run(
                models,
                "eval",
                "verify",
                "--no-cache",
                "--pairs",
                pairs.toString(),
                "--root",
                dir.resolve("data").toString());

        assertThat(models.minFaceSizes).isNotEmpty();
        assertThat(models.open.get()).isZero();
    }

    @Test
    void minFaceAndModelReachTheModels() {
        FakeModels models = new FakeModels();
        Path a = png(dir.resolve("a.png"), 30, 30, RED);

        Cli.run(models, "embed", "--min-face", "48", "--model", "m1", a.toString());

        assertThat(models.minFaceSizes).containsExactly(48f);
        assertThat(models.modelDirs).containsExactly(Path.of("m1"));
    }

    @Test
    void aFolderWithoutImagesIsReportedInItsPlace() throws IOException {
        Path good = png(dir.resolve("good.png"), 30, 30, RED);
        Path empty = Files.createDirectories(dir.resolve("nothing.jpg"));
        Path missing = dir.resolve("missing.png");

        Cli.Run run =
                Cli.run(
                        "detect",
                        "--json",
                        good.toString(),
                        empty.toString(),
                        missing.toString(),
                        good.toString());

        List<JsonNode> lines = run.json();
        assertThat(lines).hasSize(4);
        assertThat(lines.get(0).get("image").asText()).isEqualTo(good.toString());
        assertThat(lines.get(1).get("image").asText()).isEqualTo(empty.toString());
        assertThat(lines.get(1).get("error").get("type").asText()).isEqualTo("NO_IMAGES");
        assertThat(lines.get(2).get("error").get("type").asText()).isEqualTo("NOT_FOUND");
        assertThat(lines.get(3).get("faces")).hasSize(1);
    }

    @Test
    void aFolderWithoutImagesIsAFailedInput() throws IOException {
        Path empty = Files.createDirectories(dir.resolve("empty"));
        Path good = png(dir.resolve("good.png"), 30, 30, RED);

        Cli.Run run = Cli.run("detect", "--json", empty.toString(), good.toString());

        assertThat(run.exitCode()).as(run.err()).isEqualTo(3);
        assertThat(run.json().get(0).get("error").get("type").asText()).isEqualTo("NO_IMAGES");
        assertThat(run.json().get(1).get("faces")).hasSize(1);
        assertThat(run.errLines())
                .containsExactly("facekit detect: " + empty + ": folder holds no image files");
    }

    @Test
    void convertVggfaceNamesTheBadWeightFileAndRefusesUnknownArchitectures() throws IOException {
        Path weights = Files.writeString(dir.resolve("weights.h5"), "not HDF5");
        Path out = dir.resolve("model");

        Cli.Run notHdf5 =
                Cli.run(
                        "convert",
                        "vggface",
                        "--arch",
                        "resnet50",
                        "--weights",
                        weights.toString(),
                        "--out",
                        out.toString());
        Cli.Run unknown =
                Cli.run(
                        "convert",
                        "vggface",
                        "--architecture",
                        "resnet18",
                        "--weights",
                        weights.toString(),
                        "--out",
                        out.toString());

        assertThat(notHdf5.exitCode()).isEqualTo(1);
        assertThat(notHdf5.errLines()).hasSize(1);
        assertThat(notHdf5.errLines().get(0))
                .startsWith("facekit convert vggface: " + weights)
                .contains("not an HDF5 file");
        assertThat(out).doesNotExist();
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.errLines().get(0)).contains("unknown architecture 'resnet18'");
    }

    @Test
    void identifyRefusesAGalleryOfAnotherModel() throws IOException {
        Path gallery = dir.resolve("other.gallery");
        Gallery other = Gallery.create("another-model", 3);
        other.add("x", new Embedding("another-model", new float[] {1, 0, 0}));
        other.save(gallery);
        Path a = png(dir.resolve("a.png"), 30, 30, RED);

        Cli.Run run = Cli.run("identify", "--gallery", gallery.toString(), a.toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.errLines())
                .containsExactly(
                        "facekit identify: gallery "
                                + gallery
                                + " holds 3-d embeddings of model 'another-model', but the model"
                                + " is 'fake-mean-rgb' (3-d): pass the gallery's model with"
                                + " --model");
    }

    @Test
    void inputsWithTheSameFileNameDoNotOverwriteEachOthersOutput() {
        Path a = png(dir.resolve("a/photo.png"), 30, 30, RED);
        Path b = png(dir.resolve("b/photo.png"), 30, 30, BLUE);
        Path crops = dir.resolve("crops");
        Path drawn = dir.resolve("drawn");

        Cli.Run extract = Cli.run("extract", "--out", crops.toString(), a.toString(), b.toString());
        Cli.Run detect =
                Cli.run("detect", "--annotate", drawn.toString(), a.toString(), b.toString());

        assertThat(extract.exitCode()).as(extract.err()).isZero();
        assertThat(detect.exitCode()).as(detect.err()).isZero();
        assertThat(crops.resolve("photo-face1.png")).exists();
        assertThat(crops.resolve("photo-2-face1.png")).exists();
        assertThat(drawn.resolve("photo-faces.png")).exists();
        assertThat(drawn.resolve("photo-2-faces.png")).exists();
    }
}
