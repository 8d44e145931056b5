package dev.facekit.cli;

import dev.facekit.detect.FaceDetector;
import dev.facekit.embed.FaceEmbedder;
import dev.facekit.mtcnn.MtcnnDetector;
import dev.facekit.mtcnn.MtcnnOptions;
import dev.facekit.vggface.SavedModelEmbedder;
import java.nio.file.Path;
import java.util.Locale;

/** The real models: the bundled MTCNN detector and the bundled or a given SavedModel embedder. */
final class BundledModels implements ModelFactory {

    @Override
    public FaceDetector detector(float minFaceSize) {
        return MtcnnDetector.create(MtcnnOptions.DEFAULTS.withMinFaceSize(minFaceSize));
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
