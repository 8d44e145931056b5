package dev.facekit.vggface.convert;

import dev.facekit.model.ModelException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Thrown when a keras-vggface weight file (or label file) cannot be converted: it is not an HDF5
 * file, it is truncated, it holds another architecture, a layer is missing or misnamed, or a weight
 * has the wrong shape. The message names the file, the layer and, for shape errors, the expected
 * and the found shape.
 */
public class WeightsFileException extends ModelException {

    private static final long serialVersionUID = 1L;

    private final transient Path file;
    private final String layer;

    /**
     * Creates the exception.
     *
     * @param file the file being read
     * @param layer the Keras layer concerned, or {@code null} if the problem is the whole file
     * @param problem what is wrong
     */
    public WeightsFileException(Path file, String layer, String problem) {
        this(file, layer, problem, null);
    }

    /**
     * Creates the exception with a cause.
     *
     * @param file the file being read
     * @param layer the Keras layer concerned, or {@code null} if the problem is the whole file
     * @param problem what is wrong
     * @param cause the underlying exception, or {@code null}
     */
    public WeightsFileException(Path file, String layer, String problem, Throwable cause) {
        super(message(file, layer, problem), cause);
        this.file = file;
        this.layer = layer;
    }

    /** Returns the file that could not be converted. */
    public Path file() {
        return file;
    }

    /** Returns the Keras layer concerned, if the problem is in one layer. */
    public Optional<String> layer() {
        return Optional.ofNullable(layer);
    }

    private static String message(Path file, String layer, String problem) {
        String where = layer == null ? "" : ", layer '" + layer + "'";
        return file + where + ": " + problem;
    }
}
