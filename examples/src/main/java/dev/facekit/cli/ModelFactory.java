package dev.facekit.cli;

import dev.facekit.detect.FaceDetector;
import dev.facekit.embed.FaceEmbedder;
import java.nio.file.Path;

/**
 * Where the commands get their models from. The tool uses {@link BundledModels}; tests pass fakes.
 * Every returned object belongs to the caller, who closes it.
 */
interface ModelFactory {

    /**
     * Returns a new face detector.
     *
     * @param minFaceSize the smallest face to look for, in pixels
     * @return the detector, owned by the caller
     */
    FaceDetector detector(float minFaceSize);

    /**
     * Returns a new embedder.
     *
     * @param modelDir a SavedModel folder with {@code facekit-model.json}, or {@code null} for the
     *     bundled compact model
     * @return the embedder, owned by the caller
     */
    FaceEmbedder embedder(Path modelDir);

    /**
     * Returns a short name of the detector's settings, part of the embedding cache's key so that a
     * change of detector invalidates cached embeddings.
     *
     * @param minFaceSize the smallest face to look for, in pixels
     * @return for example {@code "mtcnn(minFace=20)"}
     */
    String detectorName(float minFaceSize);
}
