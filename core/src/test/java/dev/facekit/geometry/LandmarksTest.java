package dev.facekit.geometry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class LandmarksTest {

    @Test
    void tenCoordinatesMapToPointsInMtcnnOrder() {
        Landmarks l = Landmarks.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
        assertThat(l.leftEye()).isEqualTo(new Point(1, 2));
        assertThat(l.rightEye()).isEqualTo(new Point(3, 4));
        assertThat(l.nose()).isEqualTo(new Point(5, 6));
        assertThat(l.mouthLeft()).isEqualTo(new Point(7, 8));
        assertThat(l.mouthRight()).isEqualTo(new Point(9, 10));
        assertThat(Landmarks.of(l.points())).isEqualTo(l);
    }

    @Test
    void translateMovesEveryPoint() {
        Landmarks l = Landmarks.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10).translate(10, -1);
        assertThat(l.points())
                .containsExactly(
                        new Point(11, 1),
                        new Point(13, 3),
                        new Point(15, 5),
                        new Point(17, 7),
                        new Point(19, 9));
    }

    @Test
    void rejectsWrongCountsAndMissingPoints() {
        assertThatThrownBy(() -> Landmarks.of(1, 2, 3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("landmarks need exactly 10 coordinates, got 3");
        assertThatThrownBy(() -> Landmarks.of(List.of(new Point(0, 0))))
                .hasMessage("landmarks need exactly 5 points, got 1");
        Point p = new Point(0, 0);
        assertThatThrownBy(() -> new Landmarks(p, p, null, p, p))
                .hasMessage("nose must not be null");
        assertThatThrownBy(() -> new Point(Float.NaN, 1)).hasMessage("x must be finite, got NaN");
    }
}
