package dev.facekit.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.facekit.embed.Metric;
import dev.facekit.embed.Threshold;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class VerificationReportTest {

    /* The six pairs of VerificationScoresTest: S0.1 D0.4 S0.3 D0.7 S0.6 D0.9, k = 3. */
    private static VerificationScores six() {
        return VerificationScores.of(
                Metric.EUCLIDEAN,
                List.of(
                        ScoredPair.of(true, 0.1),
                        ScoredPair.of(false, 0.4),
                        ScoredPair.of(true, 0.3),
                        ScoredPair.of(false, 0.7),
                        ScoredPair.of(true, 0.6),
                        ScoredPair.of(false, 0.9)));
    }

    @Test
    void reportCollectsTheHandComputedValues() {
        VerificationReport r =
                VerificationReport.of(six(), new Threshold(Metric.EUCLIDEAN, 0.5, "test"), 3);

        assertThat(r.pairs()).isEqualTo(6);
        assertThat(r.missing()).isZero();
        assertThat(r.metric()).isEqualTo(Metric.EUCLIDEAN);
        assertThat(r.threshold()).isEqualTo(0.5);
        assertThat(r.accuracy()).isCloseTo(4 / 6.0, within(1e-12));
        assertThat(r.bestThreshold()).isCloseTo(0.35, within(1e-12));
        assertThat(r.bestAccuracy()).isCloseTo(5 / 6.0, within(1e-12));
        assertThat(r.folds()).isEqualTo(3);
        assertThat(r.foldAccuracy()).isEqualTo(0.5);
        assertThat(r.foldAccuracyStd()).isZero();
        assertThat(r.auc()).isCloseTo(8 / 9.0, within(1e-12));
        assertThat(r.eer()).isCloseTo(1 / 3.0, within(1e-12));
        assertThat(r.tarAtFar1e2()).isCloseTo(2 / 3.0, within(1e-12));
        assertThat(r.tarAtFar1e3()).isCloseTo(2 / 3.0, within(1e-12));
    }

    @Test
    void jacksonWritesExactlyTheCliFieldsInOrder() {
        VerificationReport r =
                VerificationReport.of(six(), new Threshold(Metric.EUCLIDEAN, 0.5, "test"), 3);

        JsonNode json = new ObjectMapper().valueToTree(r);

        List<String> names = new ArrayList<>();
        json.fieldNames().forEachRemaining(names::add);
        assertThat(names)
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
        assertThat(json.get("metric").asText()).isEqualTo("EUCLIDEAN");
    }

    @Test
    void aThresholdOfAnotherMetricIsRejected() {
        assertThatThrownBy(
                        () ->
                                VerificationReport.of(
                                        six(), new Threshold(Metric.COSINE, 0.5, "test"), 3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("threshold is for COSINE but the distances are EUCLIDEAN");
    }
}
