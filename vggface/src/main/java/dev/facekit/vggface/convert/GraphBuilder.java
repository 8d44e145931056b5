package dev.facekit.vggface.convert;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Assign;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.op.math.Mean;
import org.tensorflow.types.TFloat32;

/**
 * Builds the inference graph of one keras-vggface network from a weight file, layer by layer.
 *
 * <p>Each layer's weights are read, checked, turned into TensorFlow variables and assigned in the
 * session at once, so only one layer's weights are on the Java heap at a time. Batch normalisation
 * (inference form, {@code gamma * (x - mean) / sqrt(variance + eps) + beta}) is folded into the
 * preceding convolution's kernel and bias, in double precision.
 *
 * <p>The graph's input is the preprocessed chip batch {@code [N, 224, 224, 3]} (BGR, means
 * subtracted). Outputs: the embedding, the softmax probabilities when the file has the classifier,
 * and, when asked for, every block's output ({@link #taps()}), which tests compare block by block.
 */
final class GraphBuilder {

    private static final String SAME = "SAME";
    private static final String VALID = "VALID";

    private final Ops tf;
    private final Session session;
    private final KerasWeightsFile file;
    private final NetworkSpec spec;
    private final boolean keepTaps;
    private final Map<String, Operand<TFloat32>> taps = new LinkedHashMap<>();
    private long parameters;

    private Placeholder<TFloat32> input;
    private Operand<TFloat32> embedding;
    private Operand<TFloat32> probabilities;
    private int embeddingDimension;

    GraphBuilder(
            Ops tf, Session session, KerasWeightsFile file, NetworkSpec spec, boolean keepTaps) {
        this.tf = tf;
        this.session = session;
        this.file = file;
        this.spec = spec;
        this.keepTaps = keepTaps;
    }

    /** Builds the whole network; afterwards the accessors return its parts. */
    void build() {
        input =
                tf.withName("input")
                        .placeholder(
                                TFloat32.class,
                                Placeholder.shape(
                                        Shape.of(
                                                -1,
                                                Architecture.INPUT_SIZE,
                                                Architecture.INPUT_SIZE,
                                                3)));
        if (spec.architecture() == Architecture.VGG16) {
            buildVgg16();
        } else {
            buildResNet(spec.architecture() == Architecture.SENET50);
        }
        embedding = tf.withName("embedding").identity(embedding);
        if (probabilities != null) {
            probabilities = tf.withName("probabilities").identity(probabilities);
        }
    }

    Placeholder<TFloat32> input() {
        return input;
    }

    Operand<TFloat32> embedding() {
        return embedding;
    }

    /** Returns the classifier's softmax output, or {@code null} for a file without it. */
    Operand<TFloat32> probabilities() {
        return probabilities;
    }

    int embeddingDimension() {
        return embeddingDimension;
    }

    /** Returns the number of weights read from the file. */
    long parameters() {
        return parameters;
    }

    /** Returns the output of every block by name, if taps were asked for. */
    Map<String, Operand<TFloat32>> taps() {
        return taps;
    }

    // VGG16: five blocks of 3x3 convolutions with bias and ReLU, each followed by a 2x2 max pool;
    // with the classifier: fc6 (ReLU), fc7, ReLU, fc8, softmax.
    private void buildVgg16() {
        int[][] blocks = {{64, 64}, {128, 128}, {256, 256, 256}, {512, 512, 512}, {512, 512, 512}};
        Operand<TFloat32> x = input;
        int channels = 3;
        for (int b = 0; b < blocks.length; b++) {
            for (int i = 0; i < blocks[b].length; i++) {
                String name = "conv" + (b + 1) + "_" + (i + 1);
                int out = spec.width(blocks[b][i]);
                x = tf.nn.relu(conv(x, name, 3, channels, out, 1, SAME, true, false));
                channels = out;
            }
            x = maxPool(x, 2, 2);
            tap("pool" + (b + 1), x);
        }
        if (hasAny("fc6", "fc7", "fc8")) {
            int flat = 7 * 7 * channels;
            int hidden = spec.width(4096);
            Operand<TFloat32> flattened = tf.reshape(x, tf.constant(new long[] {-1, flat}));
            Operand<TFloat32> fc6 = tf.nn.relu(dense(flattened, "fc6", flat, hidden));
            tap("fc6", fc6);
            Operand<TFloat32> fc7 = dense(fc6, "fc7", hidden, hidden);
            tap("fc7", fc7);
            Operand<TFloat32> logits = dense(tf.nn.relu(fc7), "fc8", hidden, spec.classes());
            probabilities = tf.nn.softmax(logits);
            embedding = fc7;
            embeddingDimension = hidden;
        } else {
            embedding = tf.math.mean(x, tf.constant(new int[] {1, 2}));
            embeddingDimension = channels;
        }
    }

    // ResNet-50 / SE-ResNet-50 as in the VGGFace2 Caffe models: 7x7/2 convolution, 3x3/2 max
    // pool, four stages of bottleneck blocks (stride on the first 1x1), 7x7 average pool.
    private void buildResNet(boolean squeezeExcite) {
        Operand<TFloat32> x =
                tf.nn.relu(conv(input, "conv1/7x7_s2", 7, 3, spec.width(64), 2, SAME, false, true));
        x = maxPool(x, 3, 2);
        tap("conv1", x);
        int channels = spec.width(64);
        int[][] stages = {{64, 3, 1}, {128, 4, 2}, {256, 6, 2}, {512, 3, 2}};
        for (int s = 0; s < stages.length; s++) {
            int base = stages[s][0];
            for (int b = 1; b <= stages[s][1]; b++) {
                int stride = b == 1 ? stages[s][2] : 1;
                String prefix = "conv" + (s + 2) + "_" + b;
                x =
                        bottleneck(
                                x,
                                prefix,
                                channels,
                                spec.width(base),
                                stride,
                                b == 1,
                                squeezeExcite);
                channels = spec.width(base * 4);
                tap(prefix, x);
            }
        }
        x = tf.nn.avgPool(x, List.of(1L, 7L, 7L, 1L), List.of(1L, 7L, 7L, 1L), VALID);
        embedding = tf.reshape(x, tf.constant(new long[] {-1, channels}));
        embeddingDimension = channels;
        if (file.hasLayer("classifier")) {
            probabilities = tf.nn.softmax(dense(embedding, "classifier", channels, spec.classes()));
        }
    }

    private Operand<TFloat32> bottleneck(
            Operand<TFloat32> x,
            String prefix,
            int in,
            int width,
            int stride,
            boolean projection,
            boolean squeezeExcite) {
        int out = width * 4;
        Operand<TFloat32> y =
                tf.nn.relu(
                        conv(x, prefix + "_1x1_reduce", 1, in, width, stride, VALID, false, true));
        y = tf.nn.relu(conv(y, prefix + "_3x3", 3, width, width, 1, SAME, false, true));
        y = conv(y, prefix + "_1x1_increase", 1, width, out, 1, VALID, false, true);
        if (squeezeExcite) {
            y = squeezeExcite(y, prefix, out);
        }
        Operand<TFloat32> shortcut =
                projection
                        ? conv(x, prefix + "_1x1_proj", 1, in, out, stride, VALID, false, true)
                        : x;
        return tf.nn.relu(tf.math.add(y, shortcut));
    }

    // Squeeze and excitation: global average, 1x1 down (C/16, bias, ReLU), 1x1 up (C, bias,
    // sigmoid), channel-wise product.
    private Operand<TFloat32> squeezeExcite(Operand<TFloat32> y, String prefix, int channels) {
        int bottleneck = channels / 16;
        Operand<TFloat32> s = tf.math.mean(y, tf.constant(new int[] {1, 2}), Mean.keepDims(true));
        s =
                tf.nn.relu(
                        conv(
                                s,
                                prefix + "_1x1_down",
                                1,
                                channels,
                                bottleneck,
                                1,
                                VALID,
                                true,
                                false));
        s =
                tf.math.sigmoid(
                        conv(
                                s,
                                prefix + "_1x1_up",
                                1,
                                bottleneck,
                                channels,
                                1,
                                VALID,
                                true,
                                false));
        return tf.math.mul(y, s);
    }

    /** A convolution with its bias, or with its batch norm folded in. */
    private Operand<TFloat32> conv(
            Operand<TFloat32> x,
            String layer,
            int k,
            int in,
            int out,
            int stride,
            String padding,
            boolean bias,
            boolean batchNorm) {
        Map<String, long[]> shapes = new LinkedHashMap<>();
        shapes.put("kernel", new long[] {k, k, in, out});
        if (bias) {
            shapes.put("bias", new long[] {out});
        }
        Map<String, float[]> w = read(layer, shapes);
        float[] kernel = w.get("kernel");
        float[] b = bias ? w.get("bias") : new float[out];
        if (batchNorm) {
            foldBatchNorm(layer + "/bn", kernel, b, out);
        }
        Operand<TFloat32> kv = variable(layer + "/kernel", kernel, k, k, in, out);
        Operand<TFloat32> bv = variable(layer + "/bias", b, out);
        List<Long> strides = List.of(1L, (long) stride, (long) stride, 1L);
        return tf.nn.biasAdd(tf.nn.conv2d(x, kv, strides, padding), bv);
    }

    private void foldBatchNorm(String bnLayer, float[] kernel, float[] bias, int out) {
        long[] vector = {out};
        Map<String, long[]> shapes = new LinkedHashMap<>();
        for (String role : List.of("gamma", "beta", "moving_mean", "moving_variance")) {
            shapes.put(role, vector);
        }
        Map<String, float[]> bn = read(bnLayer, shapes);
        float[] gamma = bn.get("gamma");
        float[] beta = bn.get("beta");
        float[] mean = bn.get("moving_mean");
        float[] variance = bn.get("moving_variance");
        double[] scale = new double[out];
        for (int c = 0; c < out; c++) {
            if (!(variance[c] >= 0)) {
                throw new WeightsFileException(
                        file.path(),
                        bnLayer,
                        "moving_variance[" + c + "] is " + variance[c] + ", expected >= 0");
            }
            scale[c] = gamma[c] / Math.sqrt(variance[c] + spec.batchNormEpsilon());
            bias[c] = (float) ((bias[c] - mean[c]) * scale[c] + beta[c]);
        }
        for (int i = 0; i < kernel.length; i++) {
            kernel[i] = (float) (kernel[i] * scale[i % out]);
        }
    }

    private Operand<TFloat32> dense(Operand<TFloat32> x, String layer, int in, int out) {
        Map<String, long[]> shapes = new LinkedHashMap<>();
        shapes.put("kernel", new long[] {in, out});
        shapes.put("bias", new long[] {out});
        Map<String, float[]> w = read(layer, shapes);
        Operand<TFloat32> kv = variable(layer + "/kernel", w.get("kernel"), in, out);
        Operand<TFloat32> bv = variable(layer + "/bias", w.get("bias"), out);
        return tf.nn.biasAdd(tf.linalg.matMul(x, kv), bv);
    }

    private Operand<TFloat32> maxPool(Operand<TFloat32> x, int size, int stride) {
        return tf.nn.maxPool(
                x,
                tf.constant(new int[] {1, size, size, 1}),
                tf.constant(new int[] {1, stride, stride, 1}),
                VALID);
    }

    private Map<String, float[]> read(String layer, Map<String, long[]> shapes) {
        Map<String, float[]> w = file.readLayer(layer, shapes);
        for (float[] v : w.values()) {
            parameters += v.length;
        }
        return w;
    }

    /** Creates a variable and assigns it its value in the session right away. */
    private Operand<TFloat32> variable(String name, float[] value, long... shape) {
        Shape s = Shape.of(shape);
        Variable<TFloat32> v = named(name).variable(s, TFloat32.class);
        Placeholder<TFloat32> init =
                named(name + "/init_value").placeholder(TFloat32.class, Placeholder.shape(s));
        Assign<TFloat32> assign = named(name + "/assign").assign(v, init);
        try (TFloat32 t = TFloat32.tensorOf(s, DataBuffers.of(value, true, false))) {
            session.runner().feed(init, t).addTarget(assign).run().close();
        }
        return v;
    }

    /** Returns ops named by a path such as {@code conv1/7x7_s2/kernel}: scopes, then a name. */
    private Ops named(String path) {
        String[] parts = path.split("/");
        Ops scoped = tf;
        for (int i = 0; i < parts.length - 1; i++) {
            scoped = scoped.withSubScope(parts[i]);
        }
        return scoped.withName(parts[parts.length - 1]);
    }

    private boolean hasAny(String... layers) {
        return Arrays.stream(layers).anyMatch(file::hasLayer);
    }

    private void tap(String name, Operand<TFloat32> x) {
        if (keepTaps) {
            taps.put(name, x);
        }
    }
}
