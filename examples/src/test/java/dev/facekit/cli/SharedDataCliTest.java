package dev.facekit.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.facekit.detect.DetectedFace;
import dev.facekit.embed.Embedding;
import dev.facekit.embed.Metric;
import dev.facekit.embed.Threshold;
import dev.facekit.eval.PairList;
import dev.facekit.eval.PairScorer;
import dev.facekit.eval.VerificationReport;
import dev.facekit.geometry.BoundingBox;
import dev.facekit.image.RgbImage;
import dev.facekit.match.FaceSelection;
import dev.facekit.mtcnn.MtcnnDetector;
import dev.facekit.testing.SharedData;
import dev.facekit.vggface.SavedModelEmbedder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The tool with the real models on the shared LFW photos, against the reference pipeline's
 * descriptors ({@code faces/reference/compact/pipeline-descriptors.json}: an independent MTCNN, the
 * same template, the compact net in TensorFlow.js). Skipped when the shared data is absent.
 */
class SharedDataCliTest {

    private static Path faces;
    private static Path verification;
    private static JsonNode reference;

    @TempDir Path dir;

    @BeforeAll
    static void load() throws IOException {
        faces = SharedData.require("faces");
        verification = faces.resolve("verification");
        reference =
                new ObjectMapper()
                        .readTree(
                                faces.resolve("reference/compact/pipeline-descriptors.json")
                                        .toFile());
    }

    /** The first {@code n} same and {@code n} different pairs of the LFW dev-test list. */
    private Path lfwPairs(int n) throws IOException {
        List<String> lines = Files.readAllLines(verification.resolve("lfw_pairs_devtest.csv"));
        List<String> same = new ArrayList<>();
        List<String> different = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",", -1);
            (f[2].equals("1") ? same : different).add(f[0] + "," + f[1] + "," + f[2]);
        }
        List<String> out = new ArrayList<>(List.of("file_a,file_b,same"));
        out.addAll(same.subList(0, n));
        out.addAll(different.subList(0, n));
        return Files.write(dir.resolve("lfw-subset.csv"), out);
    }

    @Test
    void embedGivesTheLibrarysEmbeddingOfThePrimaryFaceCloseToTheReference() throws IOException {
        List<String> photos =
                List.of(
                        "verification/lfw/Abdullah_Gul/Abdullah_Gul_0001.jpg",
                        "verification/lfw/Abdullah_Gul/Abdullah_Gul_0002.jpg",
                        "verification/lfw/Abdullah_Gul/Abdullah_Gul_0003.jpg");
        List<String> args = new ArrayList<>(List.of("embed", "--json"));
        photos.forEach(p -> args.add(faces.resolve(p).toString()));

        Cli.Run run = Cli.run(new BundledModels(), args.toArray(String[]::new));

        assertThat(run.exitCode()).as(run.err()).isZero();
        for (int i = 0; i < photos.size(); i++) {
            JsonNode node = run.json().get(i);
            assertThat(node.get("model").asText()).isEqualTo("dlib-resnet-v1");
            RgbImage image = RgbImage.read(faces.resolve(photos.get(i)));
            Embedding ours = vector(primary(node, image).get("embedding"));
            Embedding theirs = vector(reference.get(photos.get(i)));
            // exactly what the library computes for the primary face
            assertThat(ours.vector()).as(photos.get(i)).containsExactly(library(image).vector());
            // The compact model ships a template fitted to FaceKit's MTCNN (scale 1.08, shifted
            // by 2 px), not the reference pipeline's, so the descriptors differ, but by less than
            // half a typical same-person distance (about 0.4 on LFW).
            assertThat(ours.euclideanDistance(theirs)).as(photos.get(i)).isLessThan(0.25);
        }
    }

    private static Embedding library(RgbImage image) {
        try (MtcnnDetector detector = MtcnnDetector.create();
                SavedModelEmbedder embedder = SavedModelEmbedder.compact()) {
            DetectedFace face =
                    FaceSelection.primary(detector.detect(image), image.width(), image.height())
                            .orElseThrow();
            return embedder.embed(image, List.of(face)).get(0);
        }
    }

    @Test
    void evalVerifyAgreesWithTheReferencePipelineOnLfwPairs() throws IOException {
        Path pairs = lfwPairs(40);

        Cli.Run run =
                Cli.run(
                        new BundledModels(),
                        "eval",
                        "verify",
                        "--json",
                        "--no-cache",
                        "--pairs",
                        pairs.toString(),
                        "--root",
                        verification.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode r = run.json().get(0);
        double threshold = r.get("threshold").asDouble();
        VerificationReport expected =
                VerificationReport.of(
                        new PairScorer(verification, this::referenceEmbedding)
                                .score(PairList.read(pairs), Metric.EUCLIDEAN)
                                .scores(),
                        new Threshold(Metric.EUCLIDEAN, threshold, "the bundled model's"),
                        10);

        assertThat(r.get("pairs").asInt()).isEqualTo(80);
        assertThat(r.get("missing").asInt()).isEqualTo(expected.missing());
        assertThat(threshold).isBetween(0.5, 0.7);
        // at most one of the 80 decisions may differ from the reference pipeline's
        assertThat(r.get("accuracy").asDouble()).isCloseTo(expected.accuracy(), within(1.01 / 80));
        assertThat(r.get("auc").asDouble()).isCloseTo(expected.auc(), within(0.005));
    }

    private Optional<Embedding> referenceEmbedding(Path image) {
        JsonNode v = reference.get(faces.relativize(image).toString().replace('\\', '/'));
        return v == null || v.isNull() ? Optional.empty() : Optional.of(vector(v));
    }

    /** The face that the tool's primary-face rule picks, from the JSON of one image. */
    private static JsonNode primary(JsonNode imageNode, RgbImage image) {
        int width = image.width();
        int height = image.height();
        JsonNode best = null;
        double bestScore = Double.NEGATIVE_INFINITY;
        for (JsonNode face : imageNode.get("faces")) {
            JsonNode b = face.get("box");
            BoundingBox box =
                    new BoundingBox(
                            (float) b.get("x").asDouble(),
                            (float) b.get("y").asDouble(),
                            (float) b.get("width").asDouble(),
                            (float) b.get("height").asDouble());
            double score = FaceSelection.primaryScore(box, width, height);
            if (score > bestScore) {
                best = face;
                bestScore = score;
            }
        }
        return best;
    }

    private static Embedding vector(JsonNode array) {
        float[] v = new float[array.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) array.get(i).asDouble();
        }
        return new Embedding("dlib-resnet-v1", v);
    }
}
