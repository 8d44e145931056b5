package dev.facekit.mtcnn.generate;

import dev.facekit.internal.tf.ScopedNames;
import java.util.Arrays;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Squeeze;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * Builds the three MTCNN networks as TensorFlow graphs from the face-api.js weights.
 *
 * <p>Every net takes {@code image}: float32 NHWC RGB pixel values in [0, 255] of an upright image
 * (row-major: dimension 1 is the height). The graph normalises to {@code (x - 127.5) / 128} and
 * transposes to NWHC, because the weights come from the authors' Caffe models, which were trained
 * on images with width and height swapped; P-Net's outputs are transposed back, so every output is
 * indexed like the upright input. Layers follow face-api.js: 'VALID' convolutions with bias, PReLU
 * as {@code x + (alpha - 1) * min(x, 0)}, max pooling 'SAME' except R-Net's second pool ('VALID').
 */
final class MtcnnGraphs {

    /** The signature input: the image batch. */
    static final String INPUT = "image";

    /** The signature output: face probability (softmax channel 1). */
    static final String PROB = "prob";

    /** The signature output: box regression {@code dx1, dy1, dx2, dy2}. */
    static final String REGRESSION = "regression";

    /**
     * The optional signature output of P-Net: the face logit minus the background logit, whose
     * sigmoid is {@link #PROB}.
     */
    static final String LOGIT = "logit";

    /** The signature output of O-Net: landmarks {@code x1..x5, y1..y5}, relative to the box. */
    static final String LANDMARKS = "landmarks";

    private static final List<Long> UNIT_STRIDES = List.of(1L, 1L, 1L, 1L);

    private final Ops tf;
    private final TfjsWeights weights;
    private final String net;
    private final ScopedNames names;

    /** The placeholder and outputs of one built net. */
    record Net(
            Placeholder<TFloat32> image,
            Operand<TFloat32> prob,
            Operand<TFloat32> regression,
            Operand<TFloat32> landmarks,
            Operand<TFloat32> logit) {}

    private MtcnnGraphs(Ops tf, TfjsWeights weights, String net) {
        this.tf = tf;
        this.names = new ScopedNames(tf);
        this.weights = weights;
        this.net = net;
    }

    /**
     * P-Net: {@code image [N, H, W, 3]} to {@code prob [N, H', W']}, {@code regression [.., 4]}.
     *
     * <p>Built for speed on large pyramid levels, equal up to float rounding to the plain
     * formulation (normalise, transpose, the layers, softmax, transpose back), every rewrite done
     * in the graph from the manifest's variables:
     *
     * <ul>
     *   <li>No transposes: a 'VALID' convolution of the transposed image is the transpose of the
     *       convolution of the image with the kernel's two spatial axes swapped, and PReLU and
     *       square max pooling commute with the transpose, so every kernel is swapped instead.
     *   <li>The normalisation is folded into conv1: {@code conv((x - 127.5) / 128, K) + b = conv(x,
     *       K / 128) + (b - 127.5 / 128 * sum(K))}, exact for 'VALID' convolutions, which never see
     *       padding.
     *   <li>The two-class softmax is a sigmoid of the logit difference, {@code softmax(l)[1] =
     *       sigmoid(l1 - l0)}, and the two 1x1 heads are one convolution with five channels (the
     *       difference, then the four regression channels).
     *   <li>PReLU is {@code max(x, alpha * x)} (two passes) where every alpha is at most 1.
     * </ul>
     *
     * <p>Besides {@code prob}, P-Net outputs {@link #LOGIT}, the logit difference before the
     * sigmoid. The detector reads it and takes the sigmoid itself: TensorFlow's vectorised sigmoid
     * may round the last elements of a tensor differently from the others, so {@code prob} of one
     * cell can differ by an ulp between a band and a whole level; the logits never do.
     */
    static Net pnet(Ops tf, TfjsWeights weights) {
        MtcnnGraphs g = new MtcnnGraphs(tf, weights, "pnet");
        Placeholder<TFloat32> image = g.input(-1, -1);

        Variable<TFloat32> k1 = g.variable("conv1/weights", 3, 3, 3, 10);
        Variable<TFloat32> b1 = g.variable("conv1/bias", 10);
        Operand<TFloat32> k1Scaled = tf.math.mul(g.swapSpatial(k1), tf.constant(1f / 128f));
        Operand<TFloat32> b1Shifted =
                tf.math.sub(
                        b1,
                        tf.math.mul(
                                tf.constant(127.5f / 128f),
                                tf.reduceSum(k1, tf.constant(new int[] {0, 1, 2}))));
        Operand<TFloat32> x =
                tf.nn.biasAdd(tf.nn.conv2d(image, k1Scaled, UNIT_STRIDES, "VALID"), b1Shifted);
        x = g.prelu(x, "prelu1_alpha", 10);
        x = g.maxPool(x, 2, "SAME");
        x = g.prelu(g.uprightConv(x, "conv2", 3, 3, 10, 16), "prelu2_alpha", 16);
        x = g.prelu(g.uprightConv(x, "conv3", 3, 3, 16, 32), "prelu3_alpha", 32);

        // One 1x1 convolution for both heads: channel 0 is logit1 - logit0, channels 1-4 the box.
        Variable<TFloat32> k41 = g.variable("conv4_1/weights", 1, 1, 32, 2);
        Variable<TFloat32> b41 = g.variable("conv4_1/bias", 2);
        Variable<TFloat32> k42 = g.variable("conv4_2/weights", 1, 1, 32, 4);
        Variable<TFloat32> b42 = g.variable("conv4_2/bias", 4);
        Operand<TFloat32> kDiff = tf.math.sub(g.channel(k41, 4, 1), g.channel(k41, 4, 0));
        Operand<TFloat32> bDiff = tf.math.sub(g.channel(b41, 1, 1), g.channel(b41, 1, 0));
        Operand<TFloat32> k4 = tf.concat(List.of(kDiff, k42), tf.constant(3));
        Operand<TFloat32> b4 = tf.concat(List.of(bDiff, b42), tf.constant(0));
        Operand<TFloat32> heads = tf.nn.biasAdd(tf.nn.conv2d(x, k4, UNIT_STRIDES, "VALID"), b4);
        List<Output<TFloat32>> split =
                tf.splitV(heads, tf.constant(new int[] {1, 4}), tf.constant(3), 2L).output();
        Operand<TFloat32> logit =
                tf.withName(LOGIT).squeeze(split.get(0), Squeeze.axis(List.of(3L)));
        Operand<TFloat32> prob = tf.withName(PROB).math.sigmoid(logit);
        Operand<TFloat32> regression = tf.withName(REGRESSION).identity(split.get(1));
        return new Net(image, prob, regression, null, logit);
    }

    /** R-Net: {@code image [N, 24, 24, 3]} to {@code prob [N]}, {@code regression [N, 4]}. */
    static Net rnet(Ops tf, TfjsWeights weights) {
        MtcnnGraphs g = new MtcnnGraphs(tf, weights, "rnet");
        Placeholder<TFloat32> image = g.input(24, 24);
        Operand<TFloat32> x = g.normaliseAndTranspose(image);

        x = g.prelu(g.conv(x, "conv1", 3, 3, 3, 28), "prelu1_alpha", 28);
        x = g.maxPool(x, 3, "SAME");
        x = g.prelu(g.conv(x, "conv2", 3, 3, 28, 48), "prelu2_alpha", 48);
        x = g.maxPool(x, 3, "VALID");
        x = g.prelu(g.conv(x, "conv3", 2, 2, 48, 64), "prelu3_alpha", 64);

        x = tf.reshape(x, tf.constant(new int[] {-1, 576}));
        x = g.prelu(g.dense(x, "fc1", 576, 128), "prelu4_alpha", 128);
        Operand<TFloat32> prob = g.faceChannel(tf.nn.softmax(g.dense(x, "fc2_1", 128, 2)), 1);
        Operand<TFloat32> regression =
                tf.withName(REGRESSION).identity(g.dense(x, "fc2_2", 128, 4));
        return new Net(image, tf.withName(PROB).identity(prob), regression, null, null);
    }

    /**
     * O-Net: {@code image [N, 48, 48, 3]} to {@code prob [N]}, {@code regression [N, 4]}, {@code
     * landmarks [N, 10]}.
     */
    static Net onet(Ops tf, TfjsWeights weights) {
        MtcnnGraphs g = new MtcnnGraphs(tf, weights, "onet");
        Placeholder<TFloat32> image = g.input(48, 48);
        Operand<TFloat32> x = g.normaliseAndTranspose(image);

        x = g.prelu(g.conv(x, "conv1", 3, 3, 3, 32), "prelu1_alpha", 32);
        x = g.maxPool(x, 3, "SAME");
        x = g.prelu(g.conv(x, "conv2", 3, 3, 32, 64), "prelu2_alpha", 64);
        x = g.maxPool(x, 3, "VALID");
        x = g.prelu(g.conv(x, "conv3", 3, 3, 64, 64), "prelu3_alpha", 64);
        x = g.maxPool(x, 2, "SAME");
        x = g.prelu(g.conv(x, "conv4", 2, 2, 64, 128), "prelu4_alpha", 128);

        x = tf.reshape(x, tf.constant(new int[] {-1, 1152}));
        x = g.prelu(g.dense(x, "fc1", 1152, 256), "prelu5_alpha", 256);
        Operand<TFloat32> prob = g.faceChannel(tf.nn.softmax(g.dense(x, "fc2_1", 256, 2)), 1);
        Operand<TFloat32> regression =
                tf.withName(REGRESSION).identity(g.dense(x, "fc2_2", 256, 4));
        Operand<TFloat32> landmarks = tf.withName(LANDMARKS).identity(g.dense(x, "fc2_3", 256, 10));
        return new Net(image, tf.withName(PROB).identity(prob), regression, landmarks, null);
    }

    private Placeholder<TFloat32> input(long height, long width) {
        return tf.withName(INPUT)
                .placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, height, width, 3)));
    }

    private Operand<TFloat32> normaliseAndTranspose(Operand<TFloat32> image) {
        Operand<TFloat32> centred = tf.math.sub(image, tf.constant(127.5f));
        Operand<TFloat32> scaled = tf.math.mul(centred, tf.constant(0.0078125f));
        return tf.linalg.transpose(scaled, tf.constant(new int[] {0, 2, 1, 3}));
    }

    private Operand<TFloat32> conv(Operand<TFloat32> x, String layer, long... hwio) {
        Variable<TFloat32> kernel = variable(layer + "/weights", hwio);
        Variable<TFloat32> bias = variable(layer + "/bias", hwio[3]);
        return tf.nn.biasAdd(tf.nn.conv2d(x, kernel, UNIT_STRIDES, "VALID"), bias);
    }

    /** A 'VALID' convolution with bias whose kernel has its spatial axes swapped (see pnet). */
    private Operand<TFloat32> uprightConv(Operand<TFloat32> x, String layer, long... hwio) {
        Variable<TFloat32> kernel = variable(layer + "/weights", hwio);
        Variable<TFloat32> bias = variable(layer + "/bias", hwio[3]);
        return tf.nn.biasAdd(tf.nn.conv2d(x, swapSpatial(kernel), UNIT_STRIDES, "VALID"), bias);
    }

    /** Returns an HWIO kernel with H and W swapped. */
    private Operand<TFloat32> swapSpatial(Operand<TFloat32> kernel) {
        return tf.linalg.transpose(kernel, tf.constant(new int[] {1, 0, 2, 3}));
    }

    /**
     * Returns index {@code i} of the last axis of a tensor of rank {@code rank}, kept as size 1.
     */
    private Operand<TFloat32> channel(Operand<TFloat32> t, int rank, int i) {
        int[] begin = new int[rank];
        int[] size = new int[rank];
        Arrays.fill(size, -1);
        begin[rank - 1] = i;
        size[rank - 1] = 1;
        return tf.slice(t, tf.constant(begin), tf.constant(size));
    }

    private Operand<TFloat32> dense(Operand<TFloat32> x, String layer, long in, long out) {
        Variable<TFloat32> w = variable(layer + "/weights", in, out);
        Variable<TFloat32> bias = variable(layer + "/bias", out);
        return tf.nn.biasAdd(tf.linalg.matMul(x, w), bias);
    }

    private Operand<TFloat32> prelu(Operand<TFloat32> x, String name, long channels) {
        Variable<TFloat32> alpha = variable(name, channels);
        float maxAlpha = Float.NEGATIVE_INFINITY;
        for (float a : weights.get(net + "/" + name, channels).values()) {
            maxAlpha = Math.max(maxAlpha, a);
        }
        if (net.equals("pnet") && maxAlpha <= 1f) {
            // For alpha <= 1, max(x, alpha * x) is x for x >= 0 and alpha * x below: two passes,
            // and exactly face-api.js's relu(x) - alpha * relu(-x).
            return tf.math.maximum(x, tf.math.mul(x, alpha));
        }
        // x + (alpha - 1) * min(x, 0): face-api.js's relu(x) - alpha * relu(-x) in three passes
        // over x instead of five (equal for x >= 0, within an ulp of alpha * x below).
        Operand<TFloat32> slope = tf.math.sub(alpha, tf.constant(1f));
        return tf.math.add(x, tf.math.mul(slope, tf.math.minimum(x, tf.constant(0f))));
    }

    private Operand<TFloat32> maxPool(Operand<TFloat32> x, int size, String padding) {
        return tf.nn.maxPool(
                x,
                tf.constant(new int[] {1, size, size, 1}),
                tf.constant(new int[] {1, 2, 2, 1}),
                padding);
    }

    /** Returns channel 1 (the face class) of a softmax over the last axis. */
    private Operand<TFloat32> faceChannel(Operand<TFloat32> softmax, int axis) {
        return tf.gather(softmax, tf.constant(1), tf.constant(axis));
    }

    private Variable<TFloat32> variable(String name, long... shape) {
        String full = net + "/" + name;
        TfjsWeights.Entry e = weights.get(full, shape);
        Operand<TFloat32> init =
                tf.constant(Shape.of(e.shape()), DataBuffers.of(e.values(), true, false));
        // Scoped so that the variable's op name equals the manifest name, e.g. pnet/conv1/weights.
        // Each scope is made once: asking TensorFlow for the same sub-scope twice gives pnet_1.
        int slash = full.lastIndexOf('/');
        return names.scope(full.substring(0, slash))
                .withName(full.substring(slash + 1))
                .variable(init);
    }
}
