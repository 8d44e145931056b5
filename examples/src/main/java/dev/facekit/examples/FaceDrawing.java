package dev.facekit.examples;

import dev.facekit.detect.DetectedFace;
import dev.facekit.geometry.BoundingBox;
import dev.facekit.geometry.Point;
import dev.facekit.image.RgbImage;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * Draws detected faces onto a copy of an image with Java2D: each face's box, its confidence above
 * the box, and its five landmarks (eyes in blue, nose in green, mouth corners in red). Line widths
 * and text grow with the image, so the drawing is legible on small and large photos alike.
 *
 * <p>Stateless and thread-safe; needs no display (AWT runs headless when there is none).
 */
public final class FaceDrawing {

    private static final Color BOX = new Color(255, 200, 0);
    private static final Color EYE = new Color(40, 120, 255);
    private static final Color NOSE = new Color(40, 200, 80);
    private static final Color MOUTH = new Color(240, 50, 50);

    private FaceDrawing() {}

    /**
     * Returns a copy of the image with the faces drawn on it.
     *
     * @param image the upright image the faces were detected in
     * @param faces the faces, in pixels of {@code image}
     * @return a new RGB picture of the image's size
     */
    public static BufferedImage annotate(RgbImage image, List<DetectedFace> faces) {
        BufferedImage canvas = image.toBufferedImage();
        BufferedImage out =
                new BufferedImage(image.width(), image.height(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        try {
            g.drawImage(canvas, 0, 0, null);
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(
                    RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            float unit = Math.max(1f, Math.max(image.width(), image.height()) / 400f);
            for (DetectedFace face : faces) {
                drawFace(g, face, unit);
            }
        } finally {
            g.dispose();
        }
        return out;
    }

    /**
     * Draws the faces and writes the picture as a PNG, atomically replacing any existing file.
     *
     * @param image the upright image the faces were detected in
     * @param faces the faces, in pixels of {@code image}
     * @param png the file to write; its folder must exist
     * @throws UncheckedIOException if the file cannot be written
     */
    public static void writePng(RgbImage image, List<DetectedFace> faces, Path png) {
        writePng(annotate(image, faces), png);
    }

    /**
     * Writes a picture as a PNG, atomically replacing any existing file.
     *
     * @param picture the picture
     * @param png the file to write; its folder must exist
     * @throws UncheckedIOException if the file cannot be written
     */
    public static void writePng(BufferedImage picture, Path png) {
        try {
            Path dir = png.toAbsolutePath().getParent();
            Path tmp = Files.createTempFile(dir, png.getFileName().toString(), ".tmp");
            try {
                if (!ImageIO.write(picture, "png", tmp.toFile())) {
                    throw new IOException("no PNG writer");
                }
                Files.move(tmp, png, StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + png + ": " + e.getMessage(), e);
        }
    }

    private static void drawFace(Graphics2D g, DetectedFace face, float unit) {
        // box
        BoundingBox b = face.box();
        g.setColor(BOX);
        g.setStroke(new BasicStroke(2f * unit));
        g.draw(new Rectangle2D.Float(b.x(), b.y(), b.width(), b.height()));

        // confidence on a dark label above the box (inside it when the box touches the top)
        String label = String.format(Locale.ROOT, "%.3f", face.confidence());
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, Math.round(11 * unit)));
        FontMetrics fm = g.getFontMetrics();
        float labelY = b.y() - fm.getHeight() >= 0 ? b.y() - fm.getHeight() : b.y();
        g.setColor(new Color(0, 0, 0, 170));
        g.fill(
                new Rectangle2D.Float(
                        b.x(), labelY, fm.stringWidth(label) + 6 * unit, fm.getHeight()));
        g.setColor(BOX);
        g.drawString(label, b.x() + 3 * unit, labelY + fm.getAscent());

        // landmarks
        var l = face.landmarks();
        dot(g, l.leftEye(), EYE, unit);
        dot(g, l.rightEye(), EYE, unit);
        dot(g, l.nose(), NOSE, unit);
        dot(g, l.mouthLeft(), MOUTH, unit);
        dot(g, l.mouthRight(), MOUTH, unit);
    }

    private static void dot(Graphics2D g, Point p, Color color, float unit) {
        float r = 2.5f * unit;
        g.setColor(color);
        g.fill(new Ellipse2D.Float(p.x() - r, p.y() - r, 2 * r, 2 * r));
    }
}
