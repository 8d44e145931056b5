package dev.facekit.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.facekit.geometry.BoundingBox;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DetectionEvaluatorTest {

    private static final double EPS = 1e-12;

    private static final BoundingBox A1 = new BoundingBox(0, 0, 10, 10);
    private static final BoundingBox A2 = new BoundingBox(50, 50, 10, 10);
    private static final BoundingBox B1 = new BoundingBox(0, 0, 20, 20);

    private static BoxAnnotations threeBoxes() {
        return new BoxAnnotations(Map.of("a.jpg", List.of(A1, A2), "b.jpg", List.of(B1)));
    }

    /*
     * Ground truth: a.jpg has A1 and A2, b.jpg has B1 (3 boxes). Detections by confidence:
     *   0.9 a.jpg on A1 (IoU 1)                       -> TP, A1 taken
     *   0.8 b.jpg (10,10,20,20): IoU with B1 100/700   -> FP
     *   0.7 a.jpg (1,0,10,10): IoU 90/110 with A1, taken -> FP (duplicate)
     *   0.6 b.jpg (0,0,20,18): IoU 360/400 = 0.9       -> TP
     * After each: (recall, precision) = (1/3, 1) (1/3, 1/2) (1/3, 1/3) (2/3, 1/2).
     * AP = (1/3 - 0) * max(1, 1/2, 1/3, 1/2) + (2/3 - 1/3) * 1/2 = 1/3 + 1/6 = 1/2.
     * Precision 2/4, recall 2/3; A2 is missed (no detection near it: best IoU 0).
     */
    @Test
    void threeBoxExampleMatchesTheHandComputedAveragePrecision() {
        List<Detection> detections =
                List.of(
                        new Detection("b.jpg", new BoundingBox(0, 0, 20, 18), 0.6),
                        new Detection("a.jpg", A1, 0.9),
                        new Detection("a.jpg", new BoundingBox(1, 0, 10, 10), 0.7),
                        new Detection("b.jpg", new BoundingBox(10, 10, 20, 20), 0.8));

        DetectionReport r = DetectionEvaluator.evaluate(threeBoxes(), detections);

        assertThat(r.images()).isEqualTo(2);
        assertThat(r.groundTruth()).isEqualTo(3);
        assertThat(r.detections()).isEqualTo(4);
        assertThat(r.truePositives()).isEqualTo(2);
        assertThat(r.precision()).isCloseTo(0.5, within(EPS));
        assertThat(r.recall()).isCloseTo(2 / 3.0, within(EPS));
        assertThat(r.averagePrecision()).isCloseTo(0.5, within(EPS));
        assertThat(r.misses()).containsExactly(new BoxMiss("a.jpg", A2, 0));
        assertThat(r.falsePositives())
                .extracting(BoxMiss::bestIou)
                .satisfiesExactly(
                        iou -> assertThat(iou).isCloseTo(100 / 700.0, within(1e-6)),
                        iou -> assertThat(iou).isCloseTo(90 / 110.0, within(1e-6)));
    }

    /*
     * Two detections of equal confidence 0.5: one TP on A1, one FP in b.jpg. They form one group:
     * a single curve point (1/3, 1/2), AP = 1/3 * 1/2 = 1/6, whatever their order.
     */
    @Test
    void tiedConfidencesFormOnePointOfTheCurve() {
        Detection hit = new Detection("a.jpg", A1, 0.5);
        Detection miss = new Detection("b.jpg", new BoundingBox(100, 100, 5, 5), 0.5);

        double ap1 =
                DetectionEvaluator.evaluate(threeBoxes(), List.of(hit, miss)).averagePrecision();
        double ap2 =
                DetectionEvaluator.evaluate(threeBoxes(), List.of(miss, hit)).averagePrecision();

        assertThat(ap1).isCloseTo(1 / 6.0, within(EPS));
        assertThat(ap2).isCloseTo(1 / 6.0, within(EPS));
    }

    @Test
    void aDetectionMatchesTheUnmatchedBoxWithTheHighestIou() {
        // Two overlapping truth boxes; the detection overlaps the second more
        BoundingBox left = new BoundingBox(0, 0, 10, 10);
        BoundingBox right = new BoundingBox(2, 0, 10, 10);
        BoxAnnotations truth = new BoxAnnotations(Map.of("x", List.of(left, right)));

        DetectionReport r =
                DetectionEvaluator.evaluate(
                        truth, List.of(new Detection("x", new BoundingBox(3, 0, 10, 10), 1)));

        assertThat(r.truePositives()).isEqualTo(1);
        assertThat(r.misses()).extracting(BoxMiss::box).containsExactly(left);
    }

    @Test
    void iouExactlyAtTheThresholdMatches() {
        // IoU of (0,0,10,10) and (0,0,10,20) is 100/200 = 0.5
        BoxAnnotations truth =
                new BoxAnnotations(Map.of("x", List.of(new BoundingBox(0, 0, 10, 20))));

        DetectionReport r =
                DetectionEvaluator.evaluate(truth, List.of(new Detection("x", A1, 0.9)));

        assertThat(r.truePositives()).isEqualTo(1);
        assertThat(r.averagePrecision()).isEqualTo(1.0);
    }

    @Test
    void noDetectionsGiveZeroPrecisionRecallAndAp() {
        DetectionReport r = DetectionEvaluator.evaluate(threeBoxes(), List.of());

        assertThat(r.precision()).isZero();
        assertThat(r.recall()).isZero();
        assertThat(r.averagePrecision()).isZero();
        assertThat(r.misses()).hasSize(3);
        assertThatThrownBy(
                        () -> DetectionEvaluator.evaluate(new BoxAnnotations(Map.of()), List.of()))
                .hasMessage("no ground-truth boxes to evaluate against");
    }

    @Test
    void annotationsCsvGroupsBoxesByFileAndNamesBadLines(@TempDir Path dir) throws IOException {
        Path ok =
                Files.writeString(
                        dir.resolve("boxes.csv"),
                        "file,x,y,width,height,notes\n"
                                + "a.jpg,1,2,3,4,\"x,y = left,top\"\n"
                                + "b.jpg,5,6,7,8,\n"
                                + "a.jpg,9.5,10,11,12,\n");
        Path bad = Files.writeString(dir.resolve("bad.csv"), "file,x,y,width,height\na,1,2,-3,4\n");

        BoxAnnotations a = BoxAnnotations.read(ok);

        assertThat(a.boxes().keySet()).containsExactly("a.jpg", "b.jpg");
        assertThat(a.boxes().get("a.jpg"))
                .containsExactly(new BoundingBox(1, 2, 3, 4), new BoundingBox(9.5f, 10, 11, 12));
        assertThat(a.size()).isEqualTo(3);
        assertThatThrownBy(() -> BoxAnnotations.read(bad))
                .hasMessage(bad + " line 2: width must be >= 0, got -3.0");
    }
}
