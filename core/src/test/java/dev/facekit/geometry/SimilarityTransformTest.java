package dev.facekit.geometry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SimilarityTransformTest {

    private static final List<Point> FIVE =
            List.of(
                    new Point(30, 40),
                    new Point(70, 38),
                    new Point(52, 60),
                    new Point(35, 80),
                    new Point(68, 82));

    @Test
    void estimateRecoversAKnownRotationScaleAndShiftExactly() {
        SimilarityTransform truth = SimilarityTransform.of(1.7, Math.toRadians(23), -12.5, 40.25);
        List<Point> moved = FIVE.stream().map(truth::apply).toList();

        SimilarityTransform fit = SimilarityTransform.estimate(FIVE, moved);

        assertThat(fit.scale()).isCloseTo(1.7, within(1e-5));
        assertThat(Math.toDegrees(fit.rotation())).isCloseTo(23.0, within(1e-4));
        assertThat(fit.tx()).isCloseTo(-12.5, within(1e-3));
        assertThat(fit.ty()).isCloseTo(40.25, within(1e-3));
    }

    @Test
    void estimateOfNoisyPointsIsTheLeastSquaresFit() {
        // Targets are a pure scale by 2 plus symmetric noise that cancels in the least squares.
        List<Point> from =
                List.of(new Point(-1, 0), new Point(1, 0), new Point(0, -1), new Point(0, 1));
        List<Point> to =
                List.of(
                        new Point(-2.5f, 0),
                        new Point(2.5f, 0),
                        new Point(0, -1.5f),
                        new Point(0, 1.5f));
        SimilarityTransform fit = SimilarityTransform.estimate(from, to);
        assertThat(fit.a()).isCloseTo(2.0, within(1e-9));
        assertThat(fit.b()).isCloseTo(0.0, within(1e-9));
        assertThat(fit.tx()).isCloseTo(0.0, within(1e-9));
    }

    @Test
    void inverseUndoesTheTransformAndCompositionAppliesInOrder() {
        SimilarityTransform t = SimilarityTransform.of(0.8, 1.1, 5, -7);
        SimilarityTransform u = SimilarityTransform.of(2.0, -0.3, 1, 2);
        Point p = new Point(13, 29);
        Point back = t.inverse().apply(t.apply(p));
        assertThat(back.x()).isCloseTo(13f, within(1e-4f));
        assertThat(back.y()).isCloseTo(29f, within(1e-4f));
        Point twoSteps = u.apply(t.apply(p));
        Point composed = t.andThen(u).apply(p);
        assertThat(composed.x()).isCloseTo(twoSteps.x(), within(1e-3f));
        assertThat(composed.y()).isCloseTo(twoSteps.y(), within(1e-3f));
    }

    @Test
    void quarterTurnIsClockwiseOnScreen() {
        // y points down, so +90 degrees maps the x axis onto the downward y axis.
        Point p = SimilarityTransform.of(1, Math.PI / 2, 0, 0).apply(new Point(1, 0));
        assertThat(p.x()).isCloseTo(0f, within(1e-6f));
        assertThat(p.y()).isCloseTo(1f, within(1e-6f));
    }

    @Test
    void rejectsMismatchedTooFewAndCoincidentPoints() {
        assertThatThrownBy(() -> SimilarityTransform.estimate(FIVE, FIVE.subList(0, 4)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("point lists differ in size: 5 source vs 4 target");
        assertThatThrownBy(
                        () -> SimilarityTransform.estimate(FIVE.subList(0, 1), FIVE.subList(0, 1)))
                .hasMessage("need at least 2 point pairs, got 1");
        List<Point> same = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            same.add(new Point(3, 3));
        }
        assertThatThrownBy(() -> SimilarityTransform.estimate(same, FIVE))
                .hasMessage("source points all coincide; no transform fits");
    }
}
