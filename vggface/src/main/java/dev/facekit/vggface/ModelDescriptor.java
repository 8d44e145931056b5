package dev.facekit.vggface;

import dev.facekit.align.AlignmentTemplate;
import dev.facekit.align.BoxCropper;
import dev.facekit.align.FaceCropper;
import dev.facekit.align.LandmarkAligner;
import dev.facekit.embed.Threshold;
import dev.facekit.model.ModelException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What a face-embedding SavedModel needs around it: the model descriptor stored as {@value
 * #FILE_NAME} next to {@code saved_model.pb}. It says how faces are cut into chips, how chip pixels
 * become the network's float input, which signature, input and output to use, the embedding's
 * dimension, an optional classifier head, and the default decision threshold.
 *
 * <p>The file is JSON (see {@link #toJson()} and the module README for every field):
 *
 * <pre>{@code
 * { "format": "facekit-model", "version": 1, "name": "dlib-resnet-v1", "inputSize": 150,
 *   "channelOrder": "RGB", "mean": [122.782, 117.001, 104.298], "scale": 0.00390625,
 *   "crop": {"type": "template", "size": 150, "points": [[47.5492, 46.599], ...]},
 *   "signature": "serving_default", "input": "input", "output": "embedding",
 *   "dimension": 128, "normalize": false,
 *   "threshold": {"metric": "EUCLIDEAN", "distance": 0.6, "source": "..."} }
 * }</pre>
 *
 * <p>Preprocessing: the chip's RGB bytes (0..255) are put in {@link #channelOrder()}, then each
 * channel {@code c} becomes {@code (value - mean[c]) * scale}, fed as float32 NHWC {@code [N,
 * inputSize, inputSize, 3]}.
 *
 * <p>Immutable and thread-safe. Every component is validated; an invalid descriptor read from a
 * file is a {@link ModelException} naming the file and the field.
 *
 * @param name the model's name; it tags every embedding
 * @param inputSize side of the square chip in pixels, {@code > 0}
 * @param channelOrder the order of the channels fed to the network
 * @param mean three per-channel means, in {@code channelOrder}, subtracted from 0..255 values
 * @param scale the factor applied after subtracting the mean, finite and {@code > 0}
 * @param crop how faces are cut into chips
 * @param signature the SavedModel signature key, for example {@code serving_default}
 * @param input the name of the signature's image input
 * @param output the name of the signature's embedding output
 * @param dimension the number of components of the embedding output, {@code > 0}
 * @param normalize whether embeddings are scaled to unit L2 norm before they are returned
 * @param classifier the identity classifier head, if the model has one
 * @param threshold the default decision threshold and where it came from
 */
public record ModelDescriptor(
        String name,
        int inputSize,
        ChannelOrder channelOrder,
        List<Double> mean,
        double scale,
        Crop crop,
        String signature,
        String input,
        String output,
        int dimension,
        boolean normalize,
        Optional<Classifier> classifier,
        Threshold threshold) {

    /** The descriptor's file name, next to {@code saved_model.pb}. */
    public static final String FILE_NAME = "facekit-model.json";

    /** The value of the {@code format} field. */
    public static final String FORMAT = "facekit-model";

    /** The only {@code version} this code reads and writes. */
    public static final int VERSION = 1;

    /** Validates every component; messages name the field and the bad value. */
    public ModelDescriptor {
        requireText("name", name);
        if (inputSize <= 0) {
            throw new IllegalArgumentException("field 'inputSize' must be > 0, got " + inputSize);
        }
        requireNonNull("channelOrder", channelOrder);
        requireNonNull("mean", mean);
        mean = List.copyOf(mean);
        if (mean.size() != 3) {
            throw new IllegalArgumentException(
                    "field 'mean' must hold 3 numbers (one per channel), got " + mean.size());
        }
        for (Double m : mean) {
            if (!Double.isFinite(m)) {
                throw new IllegalArgumentException("field 'mean' must be finite, got " + mean);
            }
        }
        if (!(scale > 0) || !Double.isFinite(scale)) {
            throw new IllegalArgumentException(
                    "field 'scale' must be finite and > 0, got " + scale);
        }
        requireNonNull("crop", crop);
        if (crop.size(inputSize) != inputSize) {
            throw new IllegalArgumentException(
                    "field 'crop.size' must equal inputSize "
                            + inputSize
                            + ", got "
                            + crop.size(inputSize));
        }
        requireText("signature", signature);
        requireText("input", input);
        requireText("output", output);
        if (dimension <= 0) {
            throw new IllegalArgumentException("field 'dimension' must be > 0, got " + dimension);
        }
        requireNonNull("classifier", classifier);
        if (classifier.isPresent() && classifier.get().output().equals(output)) {
            throw new IllegalArgumentException(
                    "field 'classifier.output' must differ from 'output', both are '"
                            + output
                            + "'");
        }
        requireNonNull("threshold", threshold);
    }

    /**
     * Reads and validates a descriptor file.
     *
     * @param file the {@value #FILE_NAME} file
     * @return the descriptor
     * @throws ModelException if the file is missing, unreadable, not JSON, or invalid; the message
     *     names the file and the field
     */
    public static ModelDescriptor read(Path file) {
        String source = file.toAbsolutePath().toString();
        try {
            return parse(Files.readString(file, StandardCharsets.UTF_8), source);
        } catch (NoSuchFileException e) {
            throw new ModelException(source + ": model descriptor not found", e);
        } catch (IOException e) {
            throw new ModelException(source + ": cannot read model descriptor: " + e, e);
        }
    }

    /**
     * Reads and validates a descriptor from a stream, which is not closed.
     *
     * @param in the JSON bytes, UTF-8
     * @param source where the bytes come from, used in error messages
     * @return the descriptor
     * @throws ModelException if the content is unreadable, not JSON, or invalid
     */
    public static ModelDescriptor read(InputStream in, String source) {
        try {
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), source);
        } catch (IOException e) {
            throw new ModelException(source + ": cannot read model descriptor: " + e, e);
        }
    }

    /**
     * Parses and validates a descriptor from JSON text.
     *
     * @param json the descriptor's JSON
     * @param source where the text comes from, used in error messages
     * @return the descriptor
     * @throws ModelException if the text is not JSON or the descriptor is invalid
     */
    public static ModelDescriptor parse(String json, String source) {
        return DescriptorJson.parse(json, source);
    }

    /** Returns the descriptor as pretty-printed JSON, in the format {@link #parse} reads. */
    public String toJson() {
        return DescriptorJson.write(this);
    }

    /**
     * Writes the descriptor as JSON, replacing the file if it exists.
     *
     * @param file the target, normally {@code <savedModelDir>/facekit-model.json}
     * @throws UncheckedIOException if the file cannot be written
     */
    public void write(Path file) {
        try {
            Files.writeString(file, toJson(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /** Returns the cropper that cuts chips for this model. */
    public FaceCropper cropper() {
        return crop.cropper(inputSize);
    }

    /**
     * Returns a copy with another crop.
     *
     * @param newCrop the crop
     * @return the copy
     */
    public ModelDescriptor withCrop(Crop newCrop) {
        return new ModelDescriptor(
                name,
                inputSize,
                channelOrder,
                mean,
                scale,
                newCrop,
                signature,
                input,
                output,
                dimension,
                normalize,
                classifier,
                threshold);
    }

    /**
     * Returns a copy with another default threshold.
     *
     * @param newThreshold the threshold
     * @return the copy
     */
    public ModelDescriptor withThreshold(Threshold newThreshold) {
        return new ModelDescriptor(
                name,
                inputSize,
                channelOrder,
                mean,
                scale,
                crop,
                signature,
                input,
                output,
                dimension,
                normalize,
                classifier,
                newThreshold);
    }

    /**
     * Returns a copy with another classifier head.
     *
     * @param newClassifier the classifier, or empty for none
     * @return the copy
     */
    public ModelDescriptor withClassifier(Optional<Classifier> newClassifier) {
        return new ModelDescriptor(
                name,
                inputSize,
                channelOrder,
                mean,
                scale,
                crop,
                signature,
                input,
                output,
                dimension,
                normalize,
                newClassifier,
                threshold);
    }

    private static void requireText(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("field '" + field + "' must not be blank");
        }
    }

    private static void requireNonNull(String field, Object value) {
        if (value == null) {
            throw new IllegalArgumentException("field '" + field + "' must not be null");
        }
    }

    /** The order of the colour channels fed to the network. */
    public enum ChannelOrder {
        /** Red, green, blue: the chip's own order. */
        RGB,
        /** Blue, green, red, as Caffe-trained models expect. */
        BGR
    }

    /** How faces are cut into chips: {@link TemplateCrop} or {@link BoxCrop}. */
    public sealed interface Crop permits TemplateCrop, BoxCrop {

        /**
         * Returns the side of the chips this crop produces.
         *
         * @param inputSize the model's input size, used by crops that have no size of their own
         * @return the chip side in pixels
         */
        int size(int inputSize);

        /**
         * Returns the cropper.
         *
         * @param inputSize the model's input size
         * @return the cropper
         */
        FaceCropper cropper(int inputSize);
    }

    /**
     * Five-point alignment onto a template ({@code "type": "template"}), with {@link
     * LandmarkAligner}.
     *
     * @param template the five target points and the chip size
     */
    public record TemplateCrop(AlignmentTemplate template) implements Crop {

        /** Validates that a template is given. */
        public TemplateCrop {
            if (template == null) {
                throw new IllegalArgumentException("field 'crop.points' must not be null");
            }
        }

        @Override
        public int size(int inputSize) {
            return template.size();
        }

        @Override
        public FaceCropper cropper(int inputSize) {
            return new LandmarkAligner(template);
        }
    }

    /**
     * Box crop ({@code "type": "box"}), with {@link BoxCropper}: the detector's box grown by a
     * margin in pixels on every side, resized to the input size.
     *
     * @param margin pixels added on every side of the box, finite and {@code >= 0}
     */
    public record BoxCrop(float margin) implements Crop {

        /** Validates the margin. */
        public BoxCrop {
            if (!(margin >= 0) || !Float.isFinite(margin)) {
                throw new IllegalArgumentException(
                        "field 'crop.margin' must be finite and >= 0, got " + margin);
            }
        }

        @Override
        public int size(int inputSize) {
            return inputSize;
        }

        @Override
        public FaceCropper cropper(int inputSize) {
            return new BoxCropper(inputSize, margin);
        }
    }

    /**
     * An identity classifier head: a signature output of class probabilities.
     *
     * @param output the name of the signature's probability output, shape {@code [N, classes]}
     * @param classes the number of classes, {@code > 0}
     * @param labels the labels file name, relative to the model directory, one label per line in
     *     class order; empty when classes are known by index only
     */
    public record Classifier(String output, int classes, Optional<String> labels) {

        /** Validates the fields. */
        public Classifier {
            if (output == null || output.isBlank()) {
                throw new IllegalArgumentException("field 'classifier.output' must not be blank");
            }
            if (classes <= 0) {
                throw new IllegalArgumentException(
                        "field 'classifier.classes' must be > 0, got " + classes);
            }
            if (labels == null) {
                throw new IllegalArgumentException("field 'classifier.labels' must not be null");
            }
            if (labels.isPresent() && labels.get().isBlank()) {
                throw new IllegalArgumentException(
                        "field 'classifier.labels' must not be blank when given");
            }
        }
    }
}
