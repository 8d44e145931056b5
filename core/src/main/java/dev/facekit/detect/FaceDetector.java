package dev.facekit.detect;

import dev.facekit.image.RgbImage;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds faces in images.
 *
 * <p>Results are in pixels of the given upright image, sorted by confidence (highest first); an
 * image without faces gives an empty list, never an exception. Implementations say in their class
 * documentation whether they are thread-safe.
 *
 * <p><b>A detector owns native resources: close it</b>, preferably with try-with-resources. After
 * {@link #close()} every method throws {@link IllegalStateException}; closing twice does nothing.
 */
public interface FaceDetector extends AutoCloseable {

    /**
     * Finds every face in one image.
     *
     * @param image the upright image
     * @return the faces, highest confidence first; empty when there is none
     * @throws IllegalStateException if the detector is closed
     */
    List<DetectedFace> detect(RgbImage image);

    /**
     * Finds the faces in each of several images, which may differ in size. The result at index
     * {@code i} equals {@code detect(images.get(i))}.
     *
     * @param images the images
     * @return one list of faces per image, in input order
     * @throws IllegalStateException if the detector is closed
     */
    default List<List<DetectedFace>> detectAll(List<RgbImage> images) {
        List<List<DetectedFace>> out = new ArrayList<>(images.size());
        for (RgbImage image : images) {
            out.add(detect(image));
        }
        return out;
    }

    /** Releases the native resources; later calls throw {@link IllegalStateException}. */
    @Override
    void close();
}
