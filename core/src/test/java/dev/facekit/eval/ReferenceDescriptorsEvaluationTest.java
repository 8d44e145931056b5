package dev.facekit.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.facekit.embed.Embedding;
import dev.facekit.embed.Metric;
import dev.facekit.embed.Threshold;
import dev.facekit.testing.SharedData;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Runs the whole evaluation API on the shared data with the reference pipeline's descriptors
 * ({@code faces/reference/compact/pipeline-descriptors.json}) standing in for detector and
 * embedder, and checks the reference figures of {@code data/README.md}. The expected values were
 * also computed independently with a short Python script over the same JSON.
 */
class ReferenceDescriptorsEvaluationTest {

    private static Path verification;
    private static Map<Path, Embedding> descriptors;

    @BeforeAll
    static void load() throws IOException {
        Path faces = SharedData.require("faces");
        verification = faces.resolve("verification");
        JsonNode json =
                new ObjectMapper()
                        .readTree(
                                faces.resolve("reference/compact/pipeline-descriptors.json")
                                        .toFile());
        descriptors = new HashMap<>();
        json.fields()
                .forEachRemaining(
                        e -> {
                            if (!e.getValue().isNull()) {
                                float[] v = new float[e.getValue().size()];
                                for (int i = 0; i < v.length; i++) {
                                    v[i] = (float) e.getValue().get(i).asDouble();
                                }
                                descriptors.put(
                                        faces.resolve(e.getKey()).normalize(),
                                        new Embedding("compact", v));
                            }
                        });
    }

    private static Function<Path, Optional<Embedding>> lookup() {
        return image -> Optional.ofNullable(descriptors.get(image.normalize()));
    }

    @Test
    void lfwDevTestPairsGiveTheReferenceFigures() {
        PairList pairs = PairList.read(verification.resolve("lfw_pairs_devtest.csv"));

        PairScores s = new PairScorer(verification, lookup()).score(pairs, Metric.EUCLIDEAN);
        VerificationReport r =
                VerificationReport.of(
                        s.scores(), new Threshold(Metric.EUCLIDEAN, 0.6, "reference"), 10);

        // README: 98.0% at 0.6, 98.3% best (0.616), 10-fold 98.1%, AUC 0.9979, TAR 93.0% at 1e-3
        assertThat(r.pairs()).isEqualTo(1000);
        assertThat(r.missing()).isEqualTo(1);
        assertThat(s.missing().get(0).image()).isEqualTo("lfw/Betsy_Coffin/Betsy_Coffin_0001.jpg");
        assertThat(s.missing().get(0).reason()).isEqualTo("file not found");
        assertThat(r.accuracy()).isCloseTo(0.980, within(1e-9));
        assertThat(r.bestAccuracy()).isCloseTo(0.983, within(1e-9));
        assertThat(r.bestThreshold()).isCloseTo(0.61656, within(1e-4));
        assertThat(r.foldAccuracy()).isCloseTo(0.981, within(1e-9));
        assertThat(r.foldAccuracyStd()).isCloseTo(0.018138, within(1e-5));
        assertThat(r.auc()).isCloseTo(0.997880, within(1e-5));
        assertThat(r.eer()).isCloseTo(0.018036, within(1e-5));
        assertThat(r.tarAtFar1e3()).isCloseTo(0.930, within(1e-9));
        // The README's 96.2% at FAR 1e-2 allows 3 false accepts of 499; FAR <= 1e-2 allows 4
        assertThat(r.tarAtFar1e2()).isCloseTo(0.970, within(1e-9));
        Threshold calibrated = s.scores().calibrate(1e-3, pairs.name());
        assertThat(calibrated.distance()).isCloseTo(0.5578, within(1e-4));
        assertThat(calibrated.source())
                .isEqualTo(
                        "calibrated at FAR <= 0.001 on lfw_pairs_devtest.csv (500 same, 499"
                                + " different pairs): TAR 0.9300 at FAR 0.0000");
    }

    @Test
    void otherPeoplesPairsGiveTheReferenceFigures() {
        PairList pairs = PairList.read(verification.resolve("pairs.csv"));

        PairScores s = new PairScorer(verification, lookup()).score(pairs, Metric.EUCLIDEAN);
        VerificationScores v = s.scores();

        // README: 97.1% at 0.6, best 97.4%
        assertThat(v.size()).isEqualTo(5870);
        assertThat(v.missing()).isEqualTo(20);
        assertThat(v.accuracy(0.6)).isCloseTo(0.97070, within(1e-5));
        assertThat(v.bestThreshold().accuracy()).isCloseTo(0.97359, within(1e-5));
        assertThat(v.auc()).isCloseTo(0.994281, within(1e-5));
        assertThat(v.calibrate(1e-3, "pairs.csv").distance()).isCloseTo(0.4925, within(1e-4));
        assertThat(v.tarAtFar(1e-3).tar()).isCloseTo(0.84135, within(1e-5));
    }

    @Test
    void officialDevTestTextListsTheSamePairsAsTheCsv() {
        PairList csv = PairList.read(verification.resolve("lfw_pairs_devtest.csv"));
        PairList txt =
                PairList.readLfw(verification.resolve("lfw/_official/pairsDevTest.txt"), "lfw/");

        assertThat(txt.size()).isEqualTo(1000);
        for (int i = 0; i < csv.size(); i++) {
            VerificationPair a = csv.pairs().get(i);
            VerificationPair b = txt.pairs().get(i);
            assertThat(b.fileA()).isEqualTo(a.fileA());
            assertThat(b.fileB()).isEqualTo(a.fileB());
            assertThat(b.same()).isEqualTo(a.same());
        }
    }

    @Test
    void officialPairsTxtHasTenFoldsOfSixHundred() {
        PairList txt = PairList.read(verification.resolve("lfw/_official/pairs.txt"));

        assertThat(txt.size()).isEqualTo(6000);
        assertThat(txt.pairs().stream().filter(p -> p.fold() == 9).count()).isEqualTo(600);
        assertThat(txt.pairs().get(0).fileA()).isEqualTo("Abel_Pacheco/Abel_Pacheco_0001.jpg");
        assertThat(txt.pairs().get(0).fileB()).isEqualTo("Abel_Pacheco/Abel_Pacheco_0004.jpg");
        assertThat(txt.pairs().get(300).same()).isFalse();
    }

    @Test
    void dlibAnnotationsHoldEighteenBoxesInFourImages() {
        BoxAnnotations a =
                BoxAnnotations.read(SharedData.require("faces/detection/annotations_boxes.csv"));

        assertThat(a.size()).isEqualTo(18);
        assertThat(a.boxes()).hasSize(4);
    }
}
