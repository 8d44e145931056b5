package dev.facekit.match;

import dev.facekit.align.BoxCropper;
import dev.facekit.align.FaceCropper;
import dev.facekit.detect.DetectedFace;
import dev.facekit.detect.FaceDetector;
import dev.facekit.embed.Embedding;
import dev.facekit.embed.FaceEmbedder;
import dev.facekit.embed.Metric;
import dev.facekit.embed.Threshold;
import dev.facekit.geometry.BoundingBox;
import dev.facekit.geometry.Landmarks;
import dev.facekit.image.RgbImage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Deterministic stand-ins for a detector and an embedder. A "face" is a solid rectangle of one
 * colour on a black background: the detector returns one face per distinct non-black colour (its
 * bounding box, in order of first appearance scanning rows), and the embedder maps the colour at
 * the centre of the chip to a fixed vector, so equal colours give equal embeddings wherever and
 * however large the rectangles are. The colour {@link #POISON} embeds to NaN.
 */
final class ColourFaces {

    static final String MODEL = "fake-colour-v1";
    static final int DIMENSION = 12;
    static final Threshold THRESHOLD = new Threshold(Metric.EUCLIDEAN, 0.25, "fake model, test");
    static final int POISON = 0xFF00FF;

    private ColourFaces() {}

    /** A face drawn into a test image: a rectangle of one colour. */
    record Block(int x, int y, int width, int height, int rgb) {
        BoundingBox box() {
            return new BoundingBox(x, y, width, height);
        }
    }

    static RgbImage image(int width, int height, Block... blocks) {
        byte[] px = new byte[3 * width * height];
        for (Block b : blocks) {
            for (int y = b.y; y < b.y + b.height; y++) {
                for (int x = b.x; x < b.x + b.width; x++) {
                    int i = 3 * (y * width + x);
                    px[i] = (byte) (b.rgb >> 16);
                    px[i + 1] = (byte) (b.rgb >> 8);
                    px[i + 2] = (byte) b.rgb;
                }
            }
        }
        return RgbImage.ofRgb(width, height, px);
    }

    /** The vector the embedder gives a colour. */
    static float[] vectorOf(int rgb) {
        float r = (rgb >> 16 & 0xff) / 255f;
        float g = (rgb >> 8 & 0xff) / 255f;
        float b = (rgb & 0xff) / 255f;
        if (rgb == POISON) {
            float[] nan = new float[DIMENSION];
            java.util.Arrays.fill(nan, Float.NaN);
            return nan;
        }
        float[] v = new float[DIMENSION];
        for (int i = 0; i < DIMENSION; i++) {
            v[i] = (float) (Math.sin(1.7 * i + 3 * r) + Math.cos(0.9 * i + 5 * g) + b * (i % 3));
        }
        return v;
    }

    static Embedding embeddingOf(int rgb) {
        return new Embedding(MODEL, vectorOf(rgb));
    }

    static DetectedFace faceOf(BoundingBox box) {
        float x = box.x();
        float y = box.y();
        float w = box.width();
        float h = box.height();
        return new DetectedFace(
                box,
                0.99f,
                Landmarks.of(
                        x + 0.3f * w,
                        y + 0.4f * h,
                        x + 0.7f * w,
                        y + 0.4f * h,
                        x + 0.5f * w,
                        y + 0.6f * h,
                        x + 0.35f * w,
                        y + 0.8f * h,
                        x + 0.65f * w,
                        y + 0.8f * h));
    }

    /** Finds one face per distinct non-black colour. */
    static final class Detector implements FaceDetector {
        final AtomicBoolean closed = new AtomicBoolean();

        @Override
        public List<DetectedFace> detect(RgbImage image) {
            if (closed.get()) {
                throw new IllegalStateException("detector is closed");
            }
            Map<Integer, int[]> extent = new LinkedHashMap<>();
            for (int y = 0; y < image.height(); y++) {
                for (int x = 0; x < image.width(); x++) {
                    int c = image.rgb(x, y);
                    if (c == 0) {
                        continue;
                    }
                    int[] first = {x, y, x, y};
                    int[] e = extent.computeIfAbsent(c, k -> first);
                    e[0] = Math.min(e[0], x);
                    e[1] = Math.min(e[1], y);
                    e[2] = Math.max(e[2], x);
                    e[3] = Math.max(e[3], y);
                }
            }
            List<DetectedFace> faces = new ArrayList<>();
            for (int[] e : extent.values()) {
                faces.add(faceOf(BoundingBox.ofCorners(e[0], e[1], e[2] + 1, e[3] + 1)));
            }
            return faces;
        }

        @Override
        public void close() {
            closed.set(true);
        }
    }

    /** Embeds the colour at the centre of each chip. */
    static final class Embedder implements FaceEmbedder {
        final AtomicBoolean closed = new AtomicBoolean();
        private final String model;
        private final int dimension;

        Embedder() {
            this(MODEL, DIMENSION);
        }

        Embedder(String model, int dimension) {
            this.model = model;
            this.dimension = dimension;
        }

        @Override
        public String modelName() {
            return model;
        }

        @Override
        public int inputSize() {
            return 16;
        }

        @Override
        public int dimension() {
            return dimension;
        }

        @Override
        public FaceCropper cropper() {
            return new BoxCropper(16, 0f);
        }

        @Override
        public Threshold defaultThreshold() {
            return THRESHOLD;
        }

        @Override
        public List<Embedding> embedChips(List<RgbImage> chips) {
            if (closed.get()) {
                throw new IllegalStateException("embedder is closed");
            }
            List<Embedding> out = new ArrayList<>();
            for (RgbImage chip : chips) {
                float[] v = vectorOf(chip.rgb(8, 8));
                out.add(new Embedding(model, java.util.Arrays.copyOf(v, dimension)));
            }
            return out;
        }

        @Override
        public void close() {
            closed.set(true);
        }
    }
}
