package dev.facekit.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.facekit.embed.Metric;
import dev.facekit.embed.Threshold;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class VerificationScoresTest {

    private static final double EPS = 1e-12;

    /*
     * Six pairs, no ties, list order: S0.1 D0.4 S0.3 D0.7 S0.6 D0.9 (S = same, D = different).
     * Sorted by distance: 0.1S 0.3S 0.4D 0.6S 0.7D 0.9D.
     *
     * Accuracy at 0.5: accepted 0.1S 0.3S 0.4D -> 2 right; rejected 0.6S 0.7D 0.9D -> 2 right: 4/6.
     * Best threshold, correct pairs while accepting one distance after the other:
     *   none 3, +0.1S 4, +0.3S 5, +0.4D 4, +0.6S 5, +0.7D 4, +0.9D 3.
     *   First maximum 5/6 after 0.3, threshold midway to 0.4: 0.35.
     * ROC (threshold, FAR, TAR): (<0.1,0,0) (0.1,0,1/3) (0.3,0,2/3) (0.4,1/3,2/3) (0.6,1/3,1)
     *   (0.7,2/3,1) (0.9,1,1).
     * AUC: same pairs below different ones: 0.1 < all 3, 0.3 < all 3, 0.6 < 0.7 and 0.9: 8/9.
     * EER: FAR - (1 - TAR) is -1, -2/3, -1/3, 0 at (0.4, 1/3, 2/3): EER 1/3.
     * TAR at FAR <= 1e-2: last point with FAR 0 is (0.3, 0, 2/3).
     */
    private static List<ScoredPair> six() {
        return List.of(
                ScoredPair.of(true, 0.1),
                ScoredPair.of(false, 0.4),
                ScoredPair.of(true, 0.3),
                ScoredPair.of(false, 0.7),
                ScoredPair.of(true, 0.6),
                ScoredPair.of(false, 0.9));
    }

    private static VerificationScores scores(List<ScoredPair> pairs) {
        return VerificationScores.of(Metric.EUCLIDEAN, pairs);
    }

    @Test
    void accuracyCountsPairsOnTheRightSideOfTheThreshold() {
        VerificationScores s = scores(six());

        assertThat(s.accuracy(0.5)).isCloseTo(4 / 6.0, within(EPS));
        assertThat(s.accuracy(0.35)).isCloseTo(5 / 6.0, within(EPS));
        assertThat(s.accuracy(0.3))
                .as("distance equal to the threshold is accepted")
                .isCloseTo(5 / 6.0, within(EPS));
    }

    @Test
    void bestThresholdIsTheFirstMaximumMidwayToTheNextDistance() {
        ThresholdAccuracy best = scores(six()).bestThreshold();

        assertThat(best.threshold()).isCloseTo(0.35, within(EPS));
        assertThat(best.accuracy()).isCloseTo(5 / 6.0, within(EPS));
    }

    @Test
    void rocHasOnePointPerDistanceFromZeroToOne() {
        List<OperatingPoint> roc = scores(six()).roc();

        assertThat(roc).hasSize(7);
        assertThat(roc.get(0).threshold()).isLessThan(0.1);
        assertThat(roc.get(0).far()).isZero();
        assertThat(roc.get(0).tar()).isZero();
        assertThat(roc.get(3)).isEqualTo(new OperatingPoint(0.4, 1 / 3.0, 2 / 3.0));
        assertThat(roc.get(6)).isEqualTo(new OperatingPoint(0.9, 1, 1));
    }

    @Test
    void aucEerAndTarMatchTheHandComputedValues() {
        VerificationScores s = scores(six());

        assertThat(s.auc()).isCloseTo(8 / 9.0, within(EPS));
        assertThat(s.eer()).isCloseTo(1 / 3.0, within(EPS));
        assertThat(s.tarAtFar(1e-2)).isEqualTo(new OperatingPoint(0.3, 0, 2 / 3.0));
        assertThat(s.tarAtFar(0.5)).isEqualTo(new OperatingPoint(0.6, 1 / 3.0, 1));
        assertThat(s.tarAtFar(1)).isEqualTo(new OperatingPoint(0.9, 1, 1));
    }

    /*
     * Stratified consecutive blocks, k = 3: the j-th of the 3 same pairs goes to fold floor(j*3/3),
     * likewise the different ones. Folds: {S0.1, D0.4}, {S0.3, D0.7}, {S0.6, D0.9}.
     * Fold 0: train 0.3S 0.6S 0.7D 0.9D -> correct 2,3,4,3,2 -> threshold (0.6+0.7)/2 = 0.65;
     *   test S0.1 right, D0.4 accepted wrong: 1/2.
     * Fold 1: train 0.1S 0.4D 0.6S 0.9D -> 2,3,2,3,2 -> first maximum after 0.1: 0.25;
     *   test S0.3 rejected wrong, D0.7 right: 1/2.
     * Fold 2: train 0.1S 0.3S 0.4D 0.7D -> 2,3,4,3,2 -> 0.35; test S0.6 wrong, D0.9 right: 1/2.
     */
    @Test
    void kFoldWithoutGivenFoldsUsesStratifiedConsecutiveBlocks() {
        VerificationScores s = scores(six());

        assertThat(s.givenFolds()).isEmpty();
        assertThat(s.assignFolds(3)).containsExactly(0, 0, 1, 1, 2, 2);
        FoldAccuracy k = s.kFold(3);
        assertThat(k.folds()).isEqualTo(3);
        assertThat(k.thresholds())
                .satisfiesExactly(
                        t -> assertThat(t).isCloseTo(0.65, within(EPS)),
                        t -> assertThat(t).isCloseTo(0.25, within(EPS)),
                        t -> assertThat(t).isCloseTo(0.35, within(EPS)));
        assertThat(k.accuracies()).containsExactly(0.5, 0.5, 0.5);
        assertThat(k.mean()).isEqualTo(0.5);
        assertThat(k.std()).isZero();
    }

    /*
     * Given folds 7 = {S0.1, D0.4, S0.6} and 9 = {S0.3, D0.7, D0.9} (ids need not start at 0).
     * Fold 7: train 0.3S 0.7D 0.9D -> correct 2,3,2,1 -> threshold 0.5;
     *   test S0.1 right, D0.4 wrong, S0.6 wrong: 1/3.
     * Fold 9: train 0.1S 0.4D 0.6S -> 1,2,1,2 -> first maximum, 0.25;
     *   test S0.3 wrong, D0.7 right, D0.9 right: 2/3.
     * Mean 1/2; population std sqrt(((1/6)^2 + (1/6)^2) / 2) = 1/6.
     */
    @Test
    void kFoldUsesTheFoldsOfThePairList() {
        int[] folds = {7, 7, 9, 9, 7, 9};
        List<ScoredPair> pairs = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            pairs.add(six().get(i).withFold(folds[i]));
        }
        VerificationScores s = scores(pairs);

        assertThat(s.givenFolds()).hasValue(2);
        FoldAccuracy k = s.kFold(2);
        assertThat(k.thresholds().get(0)).isCloseTo(0.5, within(EPS));
        assertThat(k.thresholds().get(1)).isCloseTo(0.25, within(EPS));
        assertThat(k.accuracies().get(0)).isCloseTo(1 / 3.0, within(EPS));
        assertThat(k.accuracies().get(1)).isCloseTo(2 / 3.0, within(EPS));
        assertThat(k.mean()).isCloseTo(0.5, within(EPS));
        assertThat(k.std()).isCloseTo(1 / 6.0, within(EPS));
        assertThatThrownBy(() -> s.kFold(10))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the pairs define 2 folds [7, 9], asked for 10");
    }

    /*
     * A missing same pair added to the six: 7 pairs. It is wrong at every threshold, so accuracy
     * at 0.5 is 4/7 and the best is 5/7 at the same threshold; ROC-based numbers ignore it.
     */
    @Test
    void missingPairsAreWrongInAccuracyAndLeftOutOfTheRoc() {
        List<ScoredPair> pairs = new ArrayList<>(six());
        pairs.add(ScoredPair.missing(true));
        VerificationScores s = scores(pairs);

        assertThat(s.size()).isEqualTo(7);
        assertThat(s.missing()).isEqualTo(1);
        assertThat(s.accuracy(0.5)).isCloseTo(4 / 7.0, within(EPS));
        assertThat(s.bestThreshold().accuracy()).isCloseTo(5 / 7.0, within(EPS));
        assertThat(s.bestThreshold().threshold()).isCloseTo(0.35, within(EPS));
        assertThat(s.auc()).isCloseTo(8 / 9.0, within(EPS));
        assertThat(s.sameDistances()).containsExactly(0.1, 0.3, 0.6);
        assertThat(s.differentDistances()).containsExactly(0.4, 0.7, 0.9);
    }

    /*
     * Ties: S0.2, S0.5, D0.5, D0.8. Sorted 0.2S {0.5S 0.5D} 0.8D.
     * ROC: (<0.2,0,0) (0.2,0,1/2) (0.5,1/2,1) (0.8,1,1): the tie is one diagonal step.
     * AUC: 0.2<0.5, 0.2<0.8, 0.5=0.5 counts 1/2, 0.5<0.8: 3.5/4 = 0.875.
     * EER: on the diagonal from (0,1/2) to (1/2,1), FAR = x and FRR = 1/2 - x meet at 1/4.
     * Best: correct 2, +0.2S 3, +{0.5S 0.5D} 3, +0.8D 2 -> 3/4 at (0.2+0.5)/2 = 0.35.
     * TAR at FAR <= 0.4: the tie cannot be split, so (0.2, 0, 1/2).
     */
    @Test
    void tiedDistancesFormOneStepAndCountHalfInTheAuc() {
        VerificationScores s =
                scores(
                        List.of(
                                ScoredPair.of(true, 0.2),
                                ScoredPair.of(true, 0.5),
                                ScoredPair.of(false, 0.5),
                                ScoredPair.of(false, 0.8)));

        assertThat(s.roc())
                .hasSize(4)
                .contains(new OperatingPoint(0.5, 0.5, 1), new OperatingPoint(0.2, 0, 0.5));
        assertThat(s.auc()).isCloseTo(0.875, within(EPS));
        assertThat(s.eer()).isCloseTo(0.25, within(EPS));
        assertThat(s.bestThreshold().threshold()).isCloseTo(0.35, within(EPS));
        assertThat(s.bestThreshold().accuracy()).isCloseTo(0.75, within(EPS));
        assertThat(s.tarAtFar(0.4)).isEqualTo(new OperatingPoint(0.2, 0, 0.5));
    }

    @Test
    void perfectSeparationHasAucOneAndEerZero() {
        VerificationScores s =
                scores(
                        List.of(
                                ScoredPair.of(true, 0.1),
                                ScoredPair.of(true, 0.2),
                                ScoredPair.of(false, 0.8),
                                ScoredPair.of(false, 0.9)));

        assertThat(s.auc()).isEqualTo(1.0);
        assertThat(s.eer()).isZero();
        assertThat(s.bestThreshold()).isEqualTo(new ThresholdAccuracy(0.5, 1.0));
        assertThat(s.tarAtFar(0)).isEqualTo(new OperatingPoint(0.2, 0, 1));
    }

    @Test
    void allSameLabelsGiveAccuraciesButNoRocMetrics() {
        VerificationScores s = scores(List.of(ScoredPair.of(true, 0.1), ScoredPair.of(true, 0.2)));

        assertThat(s.accuracy(0.15)).isEqualTo(0.5);
        assertThat(s.bestThreshold()).isEqualTo(new ThresholdAccuracy(0.2, 1.0));
        assertThatThrownBy(s::auc)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(
                        "the ROC curve needs same and different pairs with a distance,"
                                + " found 2 same and 0 different (0 missing)");
        assertThatThrownBy(s::eer).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> s.tarAtFar(1e-3)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(
                        () ->
                                VerificationReport.of(
                                        s, new Threshold(Metric.EUCLIDEAN, 0.6, "test"), 2))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void calibrationReturnsTheThresholdAtTheTargetFarWithItsSource() {
        Threshold t = scores(six()).calibrate(1e-2, "six pairs");

        assertThat(t.metric()).isEqualTo(Metric.EUCLIDEAN);
        assertThat(t.distance()).isEqualTo(0.3);
        assertThat(t.source())
                .isEqualTo(
                        "calibrated at FAR <= 0.01 on six pairs (3 same, 3 different pairs):"
                                + " TAR 0.6667 at FAR 0.0000");
    }

    @Test
    void invalidInputsAreRejectedWithTheValue() {
        assertThatThrownBy(() -> scores(List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("no pairs to evaluate");
        assertThatThrownBy(() -> scores(six()).tarAtFar(1.5))
                .hasMessage("target FAR must be in [0, 1], got 1.5");
        assertThatThrownBy(() -> scores(six()).kFold(1)).hasMessage("k-fold needs k >= 2, got 1");
        assertThatThrownBy(() -> scores(six()).kFold(4))
                .hasMessage("fold 3 of 4 is empty: 6 pairs");
        assertThatThrownBy(
                        () -> scores(List.of(ScoredPair.of(true, 0.1).withFold(1), six().get(1))))
                .hasMessage("either all pairs or none must have a fold, found 1 of 2");
        assertThatThrownBy(() -> ScoredPair.of(true, Double.POSITIVE_INFINITY))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
