package dev.facekit.cli;

import dev.facekit.detect.FaceDetector;
import dev.facekit.embed.FaceEmbedder;
import dev.facekit.vggface.SavedModelEmbedder;
import java.nio.file.Path;
import java.util.Locale;

/** The real models: the bundled MTCNN detector and the bundled or a given SavedModel embedder. */
final class BundledModels implements ModelFactory {

    @Override
    public FaceDetector detector(float minFaceSize) {
        // TODO: the MTCNN detector (module mtcnn) is not merged into this branch yet, so the real
        // tool cannot detect; every command that detects fails with this message until it is.
        throw new IllegalStateException("the MTCNN detector is not part of this build yet");
    }

    @Override
    public FaceEmbedder embedder(Path modelDir) {
        return modelDir == null ? SavedModelEmbedder.compact() : SavedModelEmbedder.load(modelDir);
    }

    @Override
    public String detectorName(float minFaceSize) {
        return String.format(Locale.ROOT, "mtcnn(minFace=%s)", minFaceSize);
    }
}
