package dev.facekit.cli;

import dev.facekit.embed.FaceEmbedder;
import dev.facekit.match.Gallery;
import java.nio.file.Path;

/** Loading gallery files for a given embedder. */
final class Galleries {

    private Galleries() {}

    /**
     * Loads a gallery and checks that it holds embeddings of the embedder's model.
     *
     * @throws IllegalArgumentException if the gallery is of another model or dimension
     */
    static Gallery load(Path file, FaceEmbedder embedder) {
        Gallery gallery = Gallery.load(file);
        requireModel(file, gallery, embedder);
        return gallery;
    }

    static void requireModel(Path file, Gallery gallery, FaceEmbedder embedder) {
        if (!gallery.model().equals(embedder.modelName())
                || gallery.dimension() != embedder.dimension()) {
            throw new IllegalArgumentException(
                    "gallery "
                            + file
                            + " holds "
                            + gallery.dimension()
                            + "-d embeddings of model '"
                            + gallery.model()
                            + "', but the model is '"
                            + embedder.modelName()
                            + "' ("
                            + embedder.dimension()
                            + "-d): pass the gallery's model with --model");
        }
    }
}
