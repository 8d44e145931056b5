package dev.facekit.mtcnn.generate;

import dev.facekit.internal.tf.ScopedNames;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
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
            Operand<TFloat32> landmarks) {}

    private MtcnnGraphs(Ops tf, TfjsWeights weights, String net) {
        this.tf = tf;
        this.names = new ScopedNames(tf);
        this.weights = weights;
        this.net = net;
    }

    /**
     * P-Net: {@code image [N, H, W, 3]} to {@code prob [N, H', W']}, {@code regression [.., 4]}.
     */
    static Net pnet(Ops tf, TfjsWeights weights) {
        MtcnnGraphs g = new MtcnnGraphs(tf, weights, "pnet");
        Placeholder<TFloat32> image = g.input(-1, -1);
        Operand<TFloat32> x = g.normaliseAndTranspose(image);

        x = g.prelu(g.conv(x, "conv1", 3, 3, 3, 10), "prelu1_alpha", 10);
        x = g.maxPool(x, 2, "SAME");
        x = g.prelu(g.conv(x, "conv2", 3, 3, 10, 16), "prelu2_alpha", 16);
        x = g.prelu(g.conv(x, "conv3", 3, 3, 16, 32), "prelu3_alpha", 32);

        Operand<TFloat32> logits = g.conv(x, "conv4_1", 1, 1, 32, 2);
        Operand<TFloat32> face = g.faceChannel(tf.nn.softmax(logits), 3);
        Operand<TFloat32> prob =
                tf.withName(PROB).linalg.transpose(face, tf.constant(new int[] {0, 2, 1}));
        Operand<TFloat32> reg = g.conv(x, "conv4_2", 1, 1, 32, 4);
        Operand<TFloat32> regression =
                tf.withName(REGRESSION).linalg.transpose(reg, tf.constant(new int[] {0, 2, 1, 3}));
        return new Net(image, prob, regression, null);
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
        return new Net(image, tf.withName(PROB).identity(prob), regression, null);
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
        return new Net(image, tf.withName(PROB).identity(prob), regression, landmarks);
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

    private Operand<TFloat32> dense(Operand<TFloat32> x, String layer, long in, long out) {
        Variable<TFloat32> w = variable(layer + "/weights", in, out);
        Variable<TFloat32> bias = variable(layer + "/bias", out);
        return tf.nn.biasAdd(tf.linalg.matMul(x, w), bias);
    }

    private Operand<TFloat32> prelu(Operand<TFloat32> x, String name, long channels) {
        Variable<TFloat32> alpha = variable(name, channels);
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
