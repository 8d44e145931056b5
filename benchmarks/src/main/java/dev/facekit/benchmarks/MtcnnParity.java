package dev.facekit.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.facekit.detect.DetectedFace;
import dev.facekit.geometry.BoundingBox;
import dev.facekit.geometry.Point;
import dev.facekit.image.RgbImage;
import dev.facekit.mtcnn.MtcnnDetector;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Compares {@link MtcnnDetector} with the reference MTCNN outputs in {@code
 * faces/reference/mtcnn.json} of the shared data and prints the parity figures of {@code
 * mtcnn/README.md}.
 *
 * <p>Per photo, FaceKit faces and reference faces are paired greedily by IoU, highest first, and a
 * pair counts when its IoU is at least 0.8. Reference boxes are clipped to the image first, because
 * FaceKit clips its boxes and the reference does not. Printed: the share of reference faces paired,
 * the share of FaceKit faces paired, the median and 95th percentile of the landmark error
 * (Euclidean distance per point over all paired faces, pixels), and the median and maximum absolute
 * confidence difference of the pairs.
 *
 * <p>Usage: {@code MtcnnParity [data root] [limit]}; the data root defaults to the {@code
 * facekit.data} property or {@code ../shared/data}.
 */
public final class MtcnnParity {

    private static final float MIN_IOU = 0.8f;

    private MtcnnParity() {}

    /**
     * Runs the comparison.
     *
     * @param args optional data root and maximum number of photos
     * @throws IOException if the reference file cannot be read
     */
    public static void main(String[] args) throws IOException {
        Path root =
                Path.of(
                        args.length > 0
                                ? args[0]
                                : System.getProperty("facekit.data", "../shared/data"));
        int limit = args.length > 1 ? Integer.parseInt(args[1]) : Integer.MAX_VALUE;
        Path faces = root.resolve("faces");
        JsonNode ref = new ObjectMapper().readTree(faces.resolve("reference/mtcnn.json").toFile());

        Tally t = new Tally();
        long start = System.nanoTime();
        try (MtcnnDetector detector = MtcnnDetector.create()) {
            Iterator<Map.Entry<String, JsonNode>> it = ref.fields();
            while (it.hasNext() && t.photos < limit) {
                Map.Entry<String, JsonNode> e = it.next();
                RgbImage image = RgbImage.read(faces.resolve(e.getKey()));
                compare(e.getKey(), image, detector.detect(image), e.getValue(), t);
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        t.print(seconds);
    }

    private static void compare(
            String key, RgbImage image, List<DetectedFace> ours, JsonNode ref, Tally t) {
        t.photos++;
        if (ref.get("width").asInt() != image.width()
                || ref.get("height").asInt() != image.height()) {
            t.sizeMismatches++;
        }
        List<JsonNode> theirs = new ArrayList<>();
        ref.get("faces").forEach(theirs::add);
        t.refFaces += theirs.size();
        t.ourFaces += ours.size();

        // Greedy pairing by IoU, highest first.
        List<float[]> pairs = new ArrayList<>();
        for (int i = 0; i < ours.size(); i++) {
            for (int j = 0; j < theirs.size(); j++) {
                float iou = ours.get(i).box().iou(refBox(theirs.get(j), image));
                if (iou >= MIN_IOU) {
                    pairs.add(new float[] {iou, i, j});
                }
            }
        }
        pairs.sort((a, b) -> Float.compare(b[0], a[0]));
        boolean[] usedOurs = new boolean[ours.size()];
        boolean[] usedTheirs = new boolean[theirs.size()];
        for (float[] p : pairs) {
            int i = (int) p[1];
            int j = (int) p[2];
            if (usedOurs[i] || usedTheirs[j]) {
                continue;
            }
            usedOurs[i] = true;
            usedTheirs[j] = true;
            t.matched++;
            DetectedFace f = ours.get(i);
            JsonNode r = theirs.get(j);
            t.confidenceDiffs.add(Math.abs(f.confidence() - r.get("confidence").asDouble()));
            List<Point> pts = f.landmarks().points();
            for (int k = 0; k < 5; k++) {
                JsonNode rp = r.get("landmarks").get(k);
                t.landmarkErrors.add(
                        Math.hypot(
                                pts.get(k).x() - rp.get(0).asDouble(),
                                pts.get(k).y() - rp.get(1).asDouble()));
            }
        }
        boolean allPaired = ours.size() == theirs.size() && pairs.size() >= ours.size();
        for (boolean u : usedOurs) {
            allPaired &= u;
        }
        if (!allPaired && t.unmatchedExamples.size() < 15) {
            t.unmatchedExamples.add(
                    key + " (FaceKit " + ours.size() + ", reference " + theirs.size() + ")");
        }
    }

    private static BoundingBox refBox(JsonNode face, RgbImage image) {
        JsonNode b = face.get("box");
        float x = (float) b.get(0).asDouble();
        float y = (float) b.get(1).asDouble();
        float w = (float) b.get(2).asDouble();
        float h = (float) b.get(3).asDouble();
        return BoundingBox.ofCorners(x, y, x + Math.max(0, w), y + Math.max(0, h))
                .clip(image.width(), image.height());
    }

    /** The running counts. */
    private static final class Tally {
        int photos;
        int sizeMismatches;
        long refFaces;
        long ourFaces;
        long matched;
        final List<Double> landmarkErrors = new ArrayList<>();
        final List<Double> confidenceDiffs = new ArrayList<>();
        final List<String> unmatchedExamples = new ArrayList<>();

        void print(double seconds) {
            System.out.printf(
                    "photos: %d (size mismatches: %d) in %.1f s%n",
                    photos, sizeMismatches, seconds);
            System.out.printf(
                    "reference faces: %d, FaceKit faces: %d, pairs with IoU >= %.1f: %d%n",
                    refFaces, ourFaces, MIN_IOU, matched);
            System.out.printf("reference faces matched: %.2f%%%n", 100.0 * matched / refFaces);
            System.out.printf("FaceKit faces matched:   %.2f%%%n", 100.0 * matched / ourFaces);
            System.out.printf(
                    "landmark error (px): median %.3f, p95 %.3f, max %.3f%n",
                    quantile(landmarkErrors, 0.5),
                    quantile(landmarkErrors, 0.95),
                    quantile(landmarkErrors, 1.0));
            System.out.printf(
                    "confidence difference: median %.6f, max %.6f%n",
                    quantile(confidenceDiffs, 0.5), quantile(confidenceDiffs, 1.0));
            System.out.println("photos not paired one to one (first 15):");
            unmatchedExamples.forEach(s -> System.out.println("  " + s));
        }
    }

    private static double quantile(List<Double> values, double q) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        double[] v = values.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(v);
        int i = (int) Math.min(v.length - 1, Math.round(q * (v.length - 1)));
        return v[i];
    }
}
