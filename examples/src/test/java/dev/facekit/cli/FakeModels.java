package dev.facekit.cli;

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
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Models whose answers are known from the picture: the detector finds one face, the centre half of
 * the image, in every picture that is not almost black; the embedder returns the chip's mean red,
 * green and blue in [0, 1]. So two pictures of one plain colour "show the same person" at distance
 * 0, and a red and a blue picture are at distance sqrt(2).
 */
class FakeModels implements ModelFactory {

    static final String MODEL = "fake-mean-rgb";

    /** Euclidean 0.1: colours within 0.1 of each other match. */
    static final Threshold THRESHOLD = new Threshold(Metric.EUCLIDEAN, 0.1, "fake");

    final AtomicInteger open = new AtomicInteger();
    final List<Path> modelDirs = new ArrayList<>();
    final List<Float> minFaceSizes = new ArrayList<>();

    @Override
    public FaceDetector detector(float minFaceSize) {
        minFaceSizes.add(minFaceSize);
        open.incrementAndGet();
        return new FaceDetector() {
            @Override
            public List<DetectedFace> detect(RgbImage image) {
                return face(image);
            }

            @Override
            public void close() {
                open.decrementAndGet();
            }
        };
    }

    static List<DetectedFace> face(RgbImage image) {
        int c = image.rgb(image.width() / 2, image.height() / 2);
        if (((c >> 16) & 255) + ((c >> 8) & 255) + (c & 255) < 30) {
            return List.of();
        }
        float w = image.width() / 2f;
        float h = image.height() / 2f;
        float x = image.width() / 4f;
        float y = image.height() / 4f;
        Landmarks l =
                Landmarks.of(
                        x + 0.3f * w, y + 0.35f * h,
                        x + 0.7f * w, y + 0.35f * h,
                        x + 0.5f * w, y + 0.55f * h,
                        x + 0.35f * w, y + 0.75f * h,
                        x + 0.65f * w, y + 0.75f * h);
        return List.of(new DetectedFace(new BoundingBox(x, y, w, h), 0.97f, l));
    }

    @Override
    public FaceEmbedder embedder(Path modelDir) {
        modelDirs.add(modelDir);
        open.incrementAndGet();
        return new FaceEmbedder() {
            @Override
            public String modelName() {
                return MODEL;
            }

            @Override
            public int inputSize() {
                return 8;
            }

            @Override
            public int dimension() {
                return 3;
            }

            @Override
            public FaceCropper cropper() {
                return new BoxCropper(8, 0);
            }

            @Override
            public Threshold defaultThreshold() {
                return THRESHOLD;
            }

            @Override
            public List<Embedding> embedChips(List<RgbImage> chips) {
                return chips.stream().map(FakeModels::meanRgb).toList();
            }

            @Override
            public void close() {
                open.decrementAndGet();
            }
        };
    }

    static Embedding meanRgb(RgbImage chip) {
        double r = 0;
        double g = 0;
        double b = 0;
        for (int y = 0; y < chip.height(); y++) {
            for (int x = 0; x < chip.width(); x++) {
                int c = chip.rgb(x, y);
                r += (c >> 16) & 255;
                g += (c >> 8) & 255;
                b += c & 255;
            }
        }
        double n = 255.0 * chip.width() * chip.height();
        return new Embedding(
                MODEL, new float[] {(float) (r / n), (float) (g / n), (float) (b / n)});
    }

    @Override
    public String detectorName(float minFaceSize) {
        return "fake(minFace=" + minFaceSize + ")";
    }
}
