package dev.facekit.cli;

import dev.facekit.detect.DetectedFace;
import dev.facekit.detect.FaceDetector;
import dev.facekit.embed.Embedding;
import dev.facekit.embed.FaceEmbedder;
import dev.facekit.embed.Threshold;
import dev.facekit.image.RgbImage;
import dev.facekit.match.FaceMatcher;
import dev.facekit.match.FaceSelection;
import dev.facekit.match.Gallery;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** A detector and an embedder, owned together: image to faces to embeddings. */
final class Pipeline implements AutoCloseable {

    private final FaceDetector detector;
    private final FaceEmbedder embedder;

    private Pipeline(FaceDetector detector, FaceEmbedder embedder) {
        this.detector = detector;
        this.embedder = embedder;
    }

    /** Opens both models; closes the detector again if the embedder cannot be loaded. */
    static Pipeline open(ModelFactory models, float minFaceSize, Path modelDir) {
        FaceEmbedder embedder = models.embedder(modelDir);
        try {
            return new Pipeline(models.detector(minFaceSize), embedder);
        } catch (RuntimeException e) {
            embedder.close();
            throw e;
        }
    }

    FaceDetector detector() {
        return detector;
    }

    FaceEmbedder embedder() {
        return embedder;
    }

    List<DetectedFace> detect(RgbImage image) {
        return detector.detect(image);
    }

    /** The primary face ({@link FaceSelection#primary}), empty when there is none. */
    static Optional<DetectedFace> primary(RgbImage image, List<DetectedFace> faces) {
        return FaceSelection.primary(faces, image.width(), image.height());
    }

    /** The primary face and its embedding, or empty when the image has no face. */
    Optional<FaceEmbedding> embedPrimary(RgbImage image) {
        return primary(image, detect(image)).map(f -> embed(image, f));
    }

    /** One face's embedding. */
    FaceEmbedding embed(RgbImage image, DetectedFace face) {
        return new FaceEmbedding(face, embedder.embed(image, List.of(face)).get(0));
    }

    /** A matcher over these models that does not close them, with the given threshold. */
    FaceMatcher matcher(Threshold threshold, Gallery gallery) {
        FaceMatcher.Builder b = FaceMatcher.builder(detector, embedder).threshold(threshold);
        return (gallery == null ? b : b.gallery(gallery)).build();
    }

    /** Every face of the image with its embedding, in the detector's order. */
    List<FaceEmbedding> embedAll(RgbImage image) {
        List<DetectedFace> faces = detect(image);
        List<Embedding> embeddings = embedder.embed(image, faces);
        return java.util.stream.IntStream.range(0, faces.size())
                .mapToObj(i -> new FaceEmbedding(faces.get(i), embeddings.get(i)))
                .toList();
    }

    @Override
    public void close() {
        try {
            detector.close();
        } finally {
            embedder.close();
        }
    }

    /** One face and its embedding. */
    record FaceEmbedding(DetectedFace face, Embedding embedding) {}
}
