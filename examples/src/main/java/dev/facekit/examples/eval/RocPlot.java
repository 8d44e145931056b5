package dev.facekit.examples.eval;

import dev.facekit.eval.OperatingPoint;
import dev.facekit.eval.VerificationScores;
import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Draws a verification result as one PNG with two charts side by side: the ROC curve (TAR against
 * FAR, FAR on a logarithmic axis) and the distributions of the same-pair and different-pair
 * distances, each normalised to sum to 1, with the threshold marked.
 *
 * <p>The ROC chart leaves out the points at FAR 0, which a logarithmic axis cannot show; with D
 * different pairs it starts at FAR 1/D. Missing pairs are not drawn, as in the ROC metrics.
 *
 * <p>Stateless and thread-safe; needs no display (AWT runs headless when there is none).
 */
public final class RocPlot {

    /** Width of each chart in pixels. */
    public static final int CHART_WIDTH = 640;

    /** Height of the image in pixels. */
    public static final int CHART_HEIGHT = 480;

    private static final int BINS = 40;

    private RocPlot() {}

    /**
     * Writes the two charts as a PNG of {@code 2 * CHART_WIDTH x CHART_HEIGHT} pixels, atomically
     * replacing any existing file.
     *
     * @param scores the scored pairs; needs same and different pairs with a distance
     * @param threshold the threshold to mark on both charts, if any
     * @param title a title for the charts, for example the pair list's name
     * @param png the file to write
     * @throws IllegalArgumentException if there is no same or no different pair with a distance
     * @throws UncheckedIOException if the file cannot be written
     */
    public static void write(
            VerificationScores scores, OptionalDouble threshold, String title, Path png) {
        List<XYChart> charts =
                List.of(roc(scores, threshold, title), distributions(scores, threshold, title));
        try {
            Path dir = png.toAbsolutePath().getParent();
            Path tmp = Files.createTempFile(dir, png.getFileName().toString(), ".tmp");
            try {
                try (OutputStream out = Files.newOutputStream(tmp)) {
                    BitmapEncoder.saveBitmap(charts, 1, 2, out, BitmapEncoder.BitmapFormat.PNG);
                }
                Files.move(tmp, png, StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write plot " + png + ": " + e, e);
        }
    }

    /**
     * Returns the ROC chart: TAR against FAR (logarithmic), with the threshold's point marked.
     *
     * @param scores the scored pairs
     * @param threshold the threshold to mark, if any
     * @param title the chart's title
     * @return the chart
     */
    public static XYChart roc(VerificationScores scores, OptionalDouble threshold, String title) {
        List<Double> far = new ArrayList<>();
        List<Double> tar = new ArrayList<>();
        for (OperatingPoint p : scores.roc()) {
            if (p.far() > 0) {
                far.add(p.far());
                tar.add(p.tar());
            }
        }
        XYChart chart =
                new XYChartBuilder()
                        .width(CHART_WIDTH)
                        .height(CHART_HEIGHT)
                        .title(String.format(Locale.ROOT, "%s: ROC, AUC %.4f", title, scores.auc()))
                        .xAxisTitle("false accept rate (different pairs accepted)")
                        .yAxisTitle("true accept rate (same pairs accepted)")
                        .build();
        chart.getStyler().setXAxisLogarithmic(true);
        chart.getStyler().setYAxisMin(0.0);
        chart.getStyler().setYAxisMax(1.0);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideSE);
        XYSeries curve = chart.addSeries("ROC", far, tar);
        curve.setMarker(SeriesMarkers.NONE);
        curve.setLineColor(Color.BLUE);

        // The operating point of the threshold, when it is at FAR > 0
        if (threshold.isPresent()) {
            OperatingPoint at = pointAt(scores.roc(), threshold.getAsDouble());
            if (at.far() > 0) {
                String name = String.format(Locale.ROOT, "threshold %.4f", threshold.getAsDouble());
                XYSeries mark =
                        chart.addSeries(name, new double[] {at.far()}, new double[] {at.tar()});
                mark.setMarker(SeriesMarkers.CIRCLE);
                mark.setMarkerColor(Color.RED);
            }
        }
        return chart;
    }

    /**
     * Returns the distance distributions of same and different pairs as two histograms of {@value
     * #BINS} bins over the observed range, each normalised to sum to 1.
     *
     * @param scores the scored pairs
     * @param threshold the threshold to draw as a vertical line, if any
     * @param title the chart's title
     * @return the chart
     */
    public static XYChart distributions(
            VerificationScores scores, OptionalDouble threshold, String title) {
        double[] same = scores.sameDistances();
        double[] different = scores.differentDistances();
        if (same.length == 0 || different.length == 0) {
            throw new IllegalArgumentException(
                    "distributions need same and different pairs with a distance, found "
                            + same.length
                            + " same and "
                            + different.length
                            + " different");
        }
        double lo = Math.min(same[0], different[0]);
        double hi = Math.max(same[same.length - 1], different[different.length - 1]);
        double width = hi > lo ? (hi - lo) / BINS : 1;
        XYChart chart =
                new XYChartBuilder()
                        .width(CHART_WIDTH)
                        .height(CHART_HEIGHT)
                        .title(
                                title
                                        + ": "
                                        + scores.metric().name().toLowerCase(Locale.ROOT)
                                        + " distances")
                        .xAxisTitle("distance (lower = more alike)")
                        .yAxisTitle("fraction of pairs per bin")
                        .build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
        addHistogram(chart, "same (" + same.length + ")", same, lo, width, Color.BLUE);
        addHistogram(
                chart, "different (" + different.length + ")", different, lo, width, Color.ORANGE);

        // The threshold as a vertical line from 0 to the highest bin
        if (threshold.isPresent()) {
            double t = threshold.getAsDouble();
            double top =
                    chart.getSeriesMap().values().stream()
                            .flatMapToDouble(s -> Arrays.stream(s.getYData()))
                            .max()
                            .orElse(1);
            XYSeries line =
                    chart.addSeries(
                            String.format(Locale.ROOT, "threshold %.4f", t),
                            new double[] {t, t},
                            new double[] {0, top});
            line.setMarker(SeriesMarkers.NONE);
            line.setLineColor(Color.RED);
            line.setLineStyle(new BasicStroke(1.5f));
        }
        return chart;
    }

    private static void addHistogram(
            XYChart chart, String name, double[] values, double lo, double width, Color color) {
        double[] fraction = new double[BINS];
        for (double v : values) {
            int bin = Math.min(BINS - 1, (int) ((v - lo) / width));
            fraction[bin] += 1.0 / values.length;
        }
        double[] centre = new double[BINS];
        for (int b = 0; b < BINS; b++) {
            centre[b] = lo + (b + 0.5) * width;
        }
        XYSeries s = chart.addSeries(name, centre, fraction);
        s.setMarker(SeriesMarkers.NONE);
        s.setLineColor(color);
    }

    private static OperatingPoint pointAt(List<OperatingPoint> roc, double threshold) {
        OperatingPoint at = roc.get(0);
        for (OperatingPoint p : roc) {
            if (p.threshold() <= threshold) {
                at = p;
            }
        }
        return at;
    }
}
