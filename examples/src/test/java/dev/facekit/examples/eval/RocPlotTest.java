package dev.facekit.examples.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.facekit.embed.Metric;
import dev.facekit.eval.ScoredPair;
import dev.facekit.eval.VerificationScores;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalDouble;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.XYChart;

class RocPlotTest {

    private static VerificationScores six() {
        return VerificationScores.of(
                Metric.EUCLIDEAN,
                List.of(
                        ScoredPair.of(true, 0.1),
                        ScoredPair.of(false, 0.4),
                        ScoredPair.of(true, 0.3),
                        ScoredPair.of(false, 0.7),
                        ScoredPair.of(true, 0.6),
                        ScoredPair.of(false, 0.9),
                        ScoredPair.missing(true)));
    }

    @Test
    void writesOnePngWithBothChartsSideBySide(@TempDir Path dir) throws IOException {
        Path png = dir.resolve("roc.png");

        RocPlot.write(six(), OptionalDouble.of(0.5), "six pairs", png);

        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image.getWidth()).isEqualTo(2 * RocPlot.CHART_WIDTH);
        assertThat(image.getHeight()).isEqualTo(RocPlot.CHART_HEIGHT);
        assertThat(Files.list(dir)).hasSize(1);
    }

    @Test
    void rocSeriesSkipsFarZeroAndMarksTheThreshold() {
        // ROC points with FAR > 0: (1/3, 2/3) (1/3, 1) (2/3, 1) (1, 1); threshold 0.5 -> (1/3, 2/3)
        XYChart chart = RocPlot.roc(six(), OptionalDouble.of(0.5), "six");

        assertThat(chart.getSeriesMap().get("ROC").getXData())
                .containsExactly(1 / 3.0, 1 / 3.0, 2 / 3.0, 1.0);
        assertThat(chart.getSeriesMap().get("threshold 0.5000").getYData())
                .containsExactly(2 / 3.0);
    }

    @Test
    void histogramsSumToOnePerClass() {
        XYChart chart = RocPlot.distributions(six(), OptionalDouble.empty(), "six");

        double same = Arrays.stream(chart.getSeriesMap().get("same (3)").getYData()).sum();
        double different =
                Arrays.stream(chart.getSeriesMap().get("different (3)").getYData()).sum();
        assertThat(same).isCloseTo(1.0, within(1e-12));
        assertThat(different).isCloseTo(1.0, within(1e-12));
    }

    @Test
    void oneClassCannotBePlotted(@TempDir Path dir) {
        VerificationScores one =
                VerificationScores.of(Metric.COSINE, List.of(ScoredPair.of(true, 0.1)));

        assertThatThrownBy(
                        () -> RocPlot.write(one, OptionalDouble.empty(), "x", dir.resolve("p.png")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
