package dev.facekit.embed;

import dev.facekit.align.FaceCropper;
import dev.facekit.detect.DetectedFace;
import dev.facekit.image.RgbImage;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns face chips into {@link Embedding}s.
 *
 * <p>An embedder declares its model name, its input size (chips are {@code inputSize x inputSize}),
 * its embedding dimension, how faces must be cut for it ({@link #cropper()}), and its default
 * decision threshold. Implementations say in their class documentation whether they are
 * thread-safe.
 *
 * <p><b>An embedder owns native resources: close it</b>, preferably with try-with-resources. After
 * {@link #close()} every method that computes throws {@link IllegalStateException}; closing twice
 * does nothing.
 */
public interface FaceEmbedder extends AutoCloseable {

    /** Returns the model's name, which tags every embedding it computes. */
    String modelName();

    /** Returns the side of the square input chip in pixels. */
    int inputSize();

    /** Returns the number of components of every embedding. */
    int dimension();

    /** Returns how faces are cut into chips for this model. */
    FaceCropper cropper();

    /** Returns the model's default decision threshold and where it came from. */
    Threshold defaultThreshold();

    /**
     * Embeds a batch of chips in one model call. An empty list gives an empty list, but a closed
     * embedder refuses it like any other call.
     *
     * @param chips chips of {@code inputSize() x inputSize()}
     * @return one embedding per chip, in order
     * @throws IllegalArgumentException if a chip has the wrong size
     * @throws IllegalStateException if the embedder is closed
     */
    List<Embedding> embedChips(List<RgbImage> chips);

    /**
     * Embeds one chip.
     *
     * @param chip a chip of {@code inputSize() x inputSize()}
     * @return its embedding
     * @throws IllegalArgumentException if the chip has the wrong size
     * @throws IllegalStateException if the embedder is closed
     */
    default Embedding embedChip(RgbImage chip) {
        return embedChips(List.of(chip)).get(0);
    }

    /**
     * Cuts the chip of each face with {@link #cropper()} and embeds them in one batch. With no
     * faces it still calls {@link #embedChips} (with an empty list), so that a closed embedder
     * throws here too.
     *
     * @param image the upright image the faces were detected in
     * @param faces the faces
     * @return one embedding per face, in order
     * @throws IllegalStateException if the embedder is closed
     */
    default List<Embedding> embed(RgbImage image, List<DetectedFace> faces) {
        List<RgbImage> chips = new ArrayList<>(faces.size());
        for (DetectedFace face : faces) {
            chips.add(cropper().crop(image, face));
        }
        return embedChips(chips);
    }

    /** Releases the native resources; later calls throw {@link IllegalStateException}. */
    @Override
    void close();
}
