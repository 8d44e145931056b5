package dev.facekit.model;

/**
 * Thrown when a model cannot be loaded or used: a missing or malformed SavedModel, a model
 * descriptor that is missing or disagrees with the graph, a signature without the expected input or
 * output, or weights of the wrong shape. The message names the model's location and says what was
 * expected and what was found.
 */
public class ModelException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what is wrong, naming the model's location
     */
    public ModelException(String message) {
        super(message);
    }

    /**
     * Creates the exception with a cause.
     *
     * @param message what is wrong, naming the model's location
     * @param cause the underlying exception
     */
    public ModelException(String message, Throwable cause) {
        super(message, cause);
    }
}
