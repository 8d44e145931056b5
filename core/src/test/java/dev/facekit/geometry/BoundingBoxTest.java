package dev.facekit.geometry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class BoundingBoxTest {

    @Test
    void iouOfHalfOverlappingSquaresIsOneThird() {
        // Two 10x10 boxes offset by 5 px: overlap 5x10 = 50, union 100 + 100 - 50 = 150.
        BoundingBox a = new BoundingBox(0, 0, 10, 10);
        BoundingBox b = new BoundingBox(5, 0, 10, 10);
        assertThat(a.intersectionArea(b)).isEqualTo(50f);
        assertThat(a.iou(b)).isCloseTo(1f / 3f, within(1e-6f));
        assertThat(b.iou(a)).isEqualTo(a.iou(b));
    }

    @Test
    void iouIsOneForEqualBoxesAndZeroForDisjointOrTouchingBoxes() {
        BoundingBox a = new BoundingBox(3, 4, 20, 10);
        assertThat(a.iou(a)).isEqualTo(1f);
        assertThat(a.iou(new BoundingBox(23, 4, 5, 5))).isZero();
        assertThat(a.iou(new BoundingBox(100, 100, 5, 5))).isZero();
        BoundingBox empty = new BoundingBox(3, 4, 0, 0);
        assertThat(empty.iou(empty)).isZero();
    }

    @Test
    void intersectionOfOverlappingBoxesIsTheSharedRectangle() {
        BoundingBox a = new BoundingBox(0, 0, 10, 10);
        BoundingBox b = new BoundingBox(6, -2, 10, 5);
        assertThat(a.intersection(b)).isEqualTo(new BoundingBox(6, 0, 4, 3));
        assertThat(a.intersection(new BoundingBox(20, 20, 1, 1)).area()).isZero();
    }

    @Test
    void clipKeepsTheBoxInsideTheImage() {
        BoundingBox b = new BoundingBox(-5, -3, 20, 30);
        assertThat(b.clip(10, 20)).isEqualTo(new BoundingBox(0, 0, 10, 20));
        assertThat(new BoundingBox(2, 3, 4, 5).clip(10, 20)).isEqualTo(new BoundingBox(2, 3, 4, 5));
        BoundingBox outside = new BoundingBox(50, 50, 10, 10).clip(10, 20);
        assertThat(outside).isEqualTo(new BoundingBox(10, 20, 0, 0));
    }

    @Test
    void scaleMultipliesEveryCoordinate() {
        assertThat(new BoundingBox(2, 4, 6, 8).scale(0.5f, 2f))
                .isEqualTo(new BoundingBox(1, 8, 3, 16));
    }

    @Test
    void expandGrowsEverySideAndKeepsTheCentre() {
        BoundingBox b = new BoundingBox(10, 20, 30, 40).expand(5);
        assertThat(b).isEqualTo(new BoundingBox(5, 15, 40, 50));
        assertThat(new BoundingBox(10, 20, 4, 4).expand(-10))
                .isEqualTo(new BoundingBox(12, 22, 0, 0));
        assertThat(new BoundingBox(0, 0, 100, 40).expandRelative(0.25f))
                .isEqualTo(new BoundingBox(-25, -10, 150, 60));
    }

    @Test
    void squareTakesTheLongerSideAroundTheSameCentre() {
        BoundingBox b = new BoundingBox(10, 10, 20, 40).square();
        assertThat(b).isEqualTo(new BoundingBox(0, 10, 40, 40));
        assertThat(b.center()).isEqualTo(new Point(20, 30));
    }

    @Test
    void cornersAndCentreAreConsistent() {
        BoundingBox b = BoundingBox.ofCorners(1, 2, 11, 22);
        assertThat(b.width()).isEqualTo(10f);
        assertThat(b.height()).isEqualTo(20f);
        assertThat(b.right()).isEqualTo(11f);
        assertThat(b.bottom()).isEqualTo(22f);
        assertThat(b.contains(new Point(1, 2))).isTrue();
        assertThat(b.contains(new Point(11, 2))).isFalse();
    }

    @Test
    void rejectsNaNInfinityAndNegativeSizesNamingTheField() {
        assertThatThrownBy(() -> new BoundingBox(Float.NaN, 0, 1, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("x must be finite, got NaN");
        assertThatThrownBy(() -> new BoundingBox(0, Float.POSITIVE_INFINITY, 1, 1))
                .hasMessage("y must be finite, got Infinity");
        assertThatThrownBy(() -> new BoundingBox(0, 0, -1, 1))
                .hasMessage("width must be >= 0, got -1.0");
        assertThatThrownBy(() -> BoundingBox.ofCorners(5, 0, 4, 1))
                .hasMessage("width must be >= 0, got -1.0");
        assertThatThrownBy(() -> new BoundingBox(0, 0, 1, 1).clip(0, 5))
                .hasMessageContaining("0x5");
        assertThatThrownBy(() -> new BoundingBox(0, 0, 1, 1).scale(0, 1))
                .hasMessage("sx must be > 0, got 0.0");
    }
}
