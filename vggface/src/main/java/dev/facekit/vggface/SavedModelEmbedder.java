package dev.facekit.vggface;

import dev.facekit.align.FaceCropper;
import dev.facekit.embed.Embedding;
import dev.facekit.embed.FaceEmbedder;
import dev.facekit.embed.Threshold;
import dev.facekit.image.RgbImage;
import dev.facekit.internal.tf.SavedModelHandle;
import dev.facekit.model.ModelException;
import dev.facekit.vggface.ModelDescriptor.Classifier;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.Signature;
import org.tensorflow.Signature.TensorDescription;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.proto.DataType;
import org.tensorflow.types.TFloat32;

/**
 * A {@link FaceEmbedder} that runs a face-embedding SavedModel described by its {@link
 * ModelDescriptor} ({@value ModelDescriptor#FILE_NAME} next to {@code saved_model.pb}).
 *
 * <p>Loading checks the descriptor against the SavedModel's signature: the input must be float32
 * {@code [N, inputSize, inputSize, 3]}, the embedding output float32 {@code [N, dimension]}, and
 * the classifier output, when there is one, {@code [N, classes]}. Chips are preprocessed in Java
 * (channel order, {@code (value - mean) * scale}, float32 NHWC) and a whole batch runs in one
 * session call. Embeddings are L2-normalised when the descriptor says so.
 *
 * <pre>{@code
 * try (SavedModelEmbedder embedder = SavedModelEmbedder.compact()) {
 *     Embedding e = embedder.embedChip(chip); // chip: 150x150, aligned with embedder.cropper()
 * }
 * }</pre>
 *
 * <p>Thread-safe: any number of threads may embed at once. <b>The embedder owns a native
 * SavedModel: close it</b>; afterwards every computing method throws {@link IllegalStateException},
 * and closing twice does nothing.
 */
public final class SavedModelEmbedder implements FaceEmbedder {

    private static final Logger LOG = LoggerFactory.getLogger(SavedModelEmbedder.class);

    /** Where the bundled compact model lives on the class path. */
    static final String COMPACT_RESOURCE = "/dev/facekit/vggface/compact";

    private final SavedModelHandle handle;
    private final ModelDescriptor descriptor;
    private final FaceCropper cropper;
    private final String inputTensor;
    private final String outputTensor;
    private final String classifierTensor;
    private final List<String> labels;
    private final float[] mean;
    private final float scale;
    private final boolean bgr;

    private SavedModelEmbedder(
            SavedModelHandle handle, ModelDescriptor descriptor, List<String> labels) {
        this.handle = handle;
        this.descriptor = descriptor;
        this.cropper = descriptor.cropper();
        Signature sig = handle.signature(descriptor.signature());
        this.inputTensor = sig.getInputs().get(descriptor.input()).name;
        this.outputTensor = sig.getOutputs().get(descriptor.output()).name;
        this.classifierTensor =
                descriptor
                        .classifier()
                        .map(c -> sig.getOutputs().get(c.output()).name)
                        .orElse(null);
        this.labels = labels;
        this.mean = new float[3];
        for (int c = 0; c < 3; c++) {
            mean[c] = descriptor.mean().get(c).floatValue();
        }
        this.scale = (float) descriptor.scale();
        this.bgr = descriptor.channelOrder() == ModelDescriptor.ChannelOrder.BGR;
    }

    /**
     * Loads a SavedModel directory with its {@value ModelDescriptor#FILE_NAME}.
     *
     * @param dir the directory holding {@code saved_model.pb}, {@code variables/} and the
     *     descriptor (and the classifier's labels file, if the descriptor names one)
     * @return the embedder, which the caller owns and must close
     * @throws ModelException if the descriptor or the SavedModel is missing or invalid, or they
     *     disagree; the message names the path and what is wrong
     */
    public static SavedModelEmbedder load(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new ModelException(dir.toAbsolutePath() + ": not a model directory");
        }
        ModelDescriptor descriptor = ModelDescriptor.read(dir.resolve(ModelDescriptor.FILE_NAME));
        List<String> labels = readLabels(descriptor, dir);
        SavedModelHandle handle = SavedModelHandle.load(dir);
        return create(handle, descriptor, labels);
    }

    /**
     * Loads a model stored as class-path resources: the SavedModel files, {@value
     * ModelDescriptor#FILE_NAME} and the labels file, all under {@code resourceDir}.
     *
     * @param anchor a class whose class loader sees the resources
     * @param resourceDir the resource folder, for example {@code /dev/facekit/vggface/compact}
     * @return the embedder, which the caller owns and must close
     * @throws ModelException if a resource is missing or invalid
     */
    public static SavedModelEmbedder loadResource(Class<?> anchor, String resourceDir) {
        String descriptorName = resourceDir + "/" + ModelDescriptor.FILE_NAME;
        ModelDescriptor descriptor;
        try (InputStream in = anchor.getResourceAsStream(descriptorName)) {
            if (in == null) {
                throw new ModelException(
                        "resource " + descriptorName + " not found on the class path");
            }
            descriptor = ModelDescriptor.read(in, "classpath:" + descriptorName);
        } catch (IOException e) {
            throw new ModelException("cannot read resource " + descriptorName + ": " + e, e);
        }
        List<String> labels = readLabels(descriptor, anchor, resourceDir);
        SavedModelHandle handle = SavedModelHandle.loadResource(anchor, resourceDir);
        return create(handle, descriptor, labels);
    }

    /**
     * Loads the bundled compact embedder: dlib's face-recognition ResNet (29 convolutions, 150x150
     * RGB chips aligned on five landmarks, 128-d embeddings compared by Euclidean distance), as
     * ported to TensorFlow.js by face-api.js. See the module README for its provenance.
     *
     * @return the embedder, which the caller owns and must close
     * @throws ModelException if the bundled resources are missing from the class path
     */
    public static SavedModelEmbedder compact() {
        return loadResource(SavedModelEmbedder.class, COMPACT_RESOURCE);
    }

    private static SavedModelEmbedder create(
            SavedModelHandle handle, ModelDescriptor descriptor, List<String> labels) {
        try {
            checkSignature(handle, descriptor);
            SavedModelEmbedder embedder = new SavedModelEmbedder(handle, descriptor, labels);
            LOG.debug(
                    "loaded embedder {} from {}: {}x{} input, {}-d output{}",
                    descriptor.name(),
                    handle.location(),
                    descriptor.inputSize(),
                    descriptor.inputSize(),
                    descriptor.dimension(),
                    descriptor.classifier().isPresent() ? ", with classifier" : "");
            return embedder;
        } catch (RuntimeException e) {
            handle.close();
            throw e;
        }
    }

    /** Returns the model's descriptor. */
    public ModelDescriptor descriptor() {
        return descriptor;
    }

    /** Returns where the model was loaded from: a directory or {@code classpath:/...}. */
    public String location() {
        return handle.location();
    }

    @Override
    public String modelName() {
        return descriptor.name();
    }

    @Override
    public int inputSize() {
        return descriptor.inputSize();
    }

    @Override
    public int dimension() {
        return descriptor.dimension();
    }

    @Override
    public FaceCropper cropper() {
        return cropper;
    }

    @Override
    public Threshold defaultThreshold() {
        return descriptor.threshold();
    }

    /** Returns whether the model has a classifier head ({@link #predictIdentities}). */
    public boolean hasClassifier() {
        return classifierTensor != null;
    }

    /**
     * Returns the classifier's labels in class order (the class indices as text when the model has
     * no labels file), or an empty list when the model has no classifier.
     */
    public List<String> labels() {
        return labels;
    }

    @Override
    public List<Embedding> embedChips(List<RgbImage> chips) {
        float[][] out = run(chips, outputTensor, descriptor.dimension());
        List<Embedding> embeddings = new ArrayList<>(out.length);
        for (float[] v : out) {
            Embedding e = new Embedding(descriptor.name(), v);
            embeddings.add(descriptor.normalize() ? e.normalized() : e);
        }
        return embeddings;
    }

    /**
     * Returns the classifier's {@code k} most probable identities for one chip, best first.
     *
     * @param chip a chip of {@code inputSize() x inputSize()}
     * @param k how many identities, {@code > 0}; at most the number of classes are returned
     * @return the identities with their probabilities, best first
     * @throws UnsupportedOperationException if the model has no classifier
     * @throws IllegalArgumentException if the chip has the wrong size or {@code k <= 0}
     * @throws IllegalStateException if the embedder is closed
     */
    public List<IdentityPrediction> predictIdentities(RgbImage chip, int k) {
        return predictIdentities(List.of(chip), k).get(0);
    }

    /**
     * Returns the classifier's {@code k} most probable identities for each chip, best first, with
     * the whole batch in one model call.
     *
     * @param chips chips of {@code inputSize() x inputSize()}
     * @param k how many identities per chip, {@code > 0}; at most the number of classes
     * @return for each chip, its identities with their probabilities, best first
     * @throws UnsupportedOperationException if the model has no classifier
     * @throws IllegalArgumentException if a chip has the wrong size or {@code k <= 0}
     * @throws IllegalStateException if the embedder is closed
     */
    public List<List<IdentityPrediction>> predictIdentities(List<RgbImage> chips, int k) {
        if (classifierTensor == null) {
            throw new UnsupportedOperationException(
                    "model " + descriptor.name() + " at " + location() + " has no classifier");
        }
        if (k <= 0) {
            throw new IllegalArgumentException("k must be > 0, got " + k);
        }
        int classes = descriptor.classifier().orElseThrow().classes();
        float[][] probabilities = run(chips, classifierTensor, classes);
        List<List<IdentityPrediction>> out = new ArrayList<>(probabilities.length);
        for (float[] p : probabilities) {
            out.add(topK(p, k));
        }
        return out;
    }

    private List<IdentityPrediction> topK(float[] p, int k) {
        return IntStream.range(0, p.length)
                .boxed()
                .sorted(Comparator.comparingDouble((Integer i) -> -p[i]).thenComparing(i -> i))
                .limit(k)
                .map(i -> new IdentityPrediction(labels.get(i), i, p[i]))
                .toList();
    }

    /** Runs one batch and fetches one output of {@code width} floats per chip. */
    private float[][] run(List<RgbImage> chips, String fetch, int width) {
        if (handle.isClosed()) {
            throw new IllegalStateException("embedder " + descriptor.name() + " is closed");
        }
        if (chips.isEmpty()) {
            return new float[0][];
        }

        // Preprocess in Java: channel order, (value - mean) * scale, NHWC.
        float[] input = preprocess(chips);
        int n = chips.size();
        int s = descriptor.inputSize();

        // One session call for the whole batch; tensors stay inside this block.
        float[] flat =
                handle.run(
                        bundle -> {
                            Session session = bundle.session();
                            try (TFloat32 x =
                                            TFloat32.tensorOf(
                                                    Shape.of(n, s, s, 3), DataBuffers.of(input));
                                    Result r =
                                            session.runner()
                                                    .feed(inputTensor, x)
                                                    .fetch(fetch)
                                                    .run()) {
                                TFloat32 y = (TFloat32) r.get(0);
                                checkOutputShape(y.shape(), n, width, fetch);
                                float[] data = new float[n * width];
                                y.copyTo(DataBuffers.of(data, false, false));
                                return data;
                            }
                        });

        // Split the rows.
        float[][] out = new float[n][];
        for (int i = 0; i < n; i++) {
            out[i] = Arrays.copyOfRange(flat, i * width, (i + 1) * width);
        }
        return out;
    }

    private void checkOutputShape(Shape shape, int n, int width, String fetch) {
        if (shape.numDimensions() != 2 || shape.get(0) != n || shape.get(1) != width) {
            throw new ModelException(
                    location()
                            + ": output "
                            + fetch
                            + " has shape "
                            + shape
                            + ", expected ["
                            + n
                            + ", "
                            + width
                            + "]");
        }
    }

    private float[] preprocess(List<RgbImage> chips) {
        int s = descriptor.inputSize();
        int plane = s * s * 3;
        float[] input = new float[chips.size() * plane];
        for (int i = 0; i < chips.size(); i++) {
            RgbImage chip = chips.get(i);
            if (chip == null) {
                throw new IllegalArgumentException("chip " + i + " is null");
            }
            if (chip.width() != s || chip.height() != s) {
                throw new IllegalArgumentException(
                        "chip "
                                + i
                                + " is "
                                + chip.width()
                                + "x"
                                + chip.height()
                                + ", model "
                                + descriptor.name()
                                + " needs "
                                + s
                                + "x"
                                + s);
            }
            byte[] rgb = chip.toRgbBytes();
            int base = i * plane;
            for (int p = 0; p < rgb.length; p += 3) {
                float r = rgb[p] & 0xff;
                float g = rgb[p + 1] & 0xff;
                float b = rgb[p + 2] & 0xff;
                input[base + p] = ((bgr ? b : r) - mean[0]) * scale;
                input[base + p + 1] = (g - mean[1]) * scale;
                input[base + p + 2] = ((bgr ? r : b) - mean[2]) * scale;
            }
        }
        return input;
    }

    /** Releases the SavedModel after calls in flight finish. Closing twice does nothing. */
    @Override
    public void close() {
        handle.close();
    }

    @Override
    public String toString() {
        return "SavedModelEmbedder[" + descriptor.name() + ", " + location() + "]";
    }

    // ----- loading checks -----

    private static void checkSignature(SavedModelHandle handle, ModelDescriptor d) {
        Signature sig = handle.signature(d.signature());
        String where = handle.location() + ": signature '" + d.signature() + "'";
        TensorDescription in = sig.getInputs().get(d.input());
        if (in == null) {
            throw new ModelException(
                    where + " has no input '" + d.input() + "', found " + sig.inputNames());
        }
        int s = d.inputSize();
        checkTensor(
                where + " input '" + d.input() + "'", in, new long[] {-1, s, s, 3}, "inputSize");
        checkOutput(where, sig, d.output(), d.dimension(), "dimension");
        if (d.classifier().isPresent()) {
            Classifier c = d.classifier().get();
            checkOutput(where, sig, c.output(), c.classes(), "classifier.classes");
        }
    }

    private static void checkOutput(
            String where, Signature sig, String name, int width, String field) {
        TensorDescription out = sig.getOutputs().get(name);
        if (out == null) {
            throw new ModelException(
                    where + " has no output '" + name + "', found " + sig.outputNames());
        }
        checkTensor(where + " output '" + name + "'", out, new long[] {-1, width}, field);
    }

    /** Checks dtype and shape; -1 in {@code expected} accepts any size (the batch). */
    private static void checkTensor(
            String what, TensorDescription t, long[] expected, String field) {
        if (t.dataType != DataType.DT_FLOAT) {
            throw new ModelException(what + " is " + t.dataType + ", expected DT_FLOAT");
        }
        Shape shape = t.shape;
        boolean ok = !shape.isUnknown() && shape.numDimensions() == expected.length;
        for (int i = 0; ok && i < expected.length; i++) {
            ok = expected[i] < 0 || shape.get(i) == expected[i];
        }
        if (!ok) {
            throw new ModelException(
                    what
                            + " has shape "
                            + shape
                            + ", but the descriptor's '"
                            + field
                            + "' needs "
                            + Shape.of(expected));
        }
    }

    // ----- labels -----

    private static List<String> readLabels(ModelDescriptor d, Path dir) {
        if (d.classifier().isEmpty()) {
            return List.of();
        }
        Classifier c = d.classifier().get();
        if (c.labels().isEmpty()) {
            return indexLabels(c.classes());
        }
        Path file = dir.resolve(c.labels().get());
        try {
            return checkLabels(
                    Files.readAllLines(file, StandardCharsets.UTF_8), c, file.toString());
        } catch (IOException e) {
            throw new ModelException(
                    file.toAbsolutePath() + ": cannot read the classifier's labels: " + e, e);
        }
    }

    private static List<String> readLabels(ModelDescriptor d, Class<?> anchor, String dir) {
        if (d.classifier().isEmpty()) {
            return List.of();
        }
        Classifier c = d.classifier().get();
        if (c.labels().isEmpty()) {
            return indexLabels(c.classes());
        }
        String name = dir + "/" + c.labels().get();
        try (InputStream in = anchor.getResourceAsStream(name)) {
            if (in == null) {
                throw new ModelException("resource " + name + " not found on the class path");
            }
            BufferedReader reader =
                    new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            return checkLabels(reader.lines().toList(), c, "classpath:" + name);
        } catch (IOException | UncheckedIOException e) {
            throw new ModelException("cannot read resource " + name + ": " + e, e);
        }
    }

    private static List<String> checkLabels(List<String> lines, Classifier c, String source) {
        List<String> labels = new ArrayList<>(lines);
        while (!labels.isEmpty() && labels.get(labels.size() - 1).isEmpty()) {
            labels.remove(labels.size() - 1);
        }
        if (labels.size() != c.classes()) {
            throw new ModelException(
                    source
                            + ": "
                            + labels.size()
                            + " labels, but the descriptor's 'classifier.classes' is "
                            + c.classes());
        }
        return List.copyOf(labels);
    }

    private static List<String> indexLabels(int classes) {
        return IntStream.range(0, classes).mapToObj(Integer::toString).toList();
    }
}
