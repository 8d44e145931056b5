package dev.facekit.vggface;

import dev.facekit.align.AlignmentTemplate;
import dev.facekit.embed.Metric;
import dev.facekit.embed.Threshold;
import dev.facekit.vggface.ModelDescriptor.ChannelOrder;
import dev.facekit.vggface.ModelDescriptor.Classifier;
import dev.facekit.vggface.ModelDescriptor.TemplateCrop;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Session;
import org.tensorflow.SessionFunction;
import org.tensorflow.Signature;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/**
 * Tiny SavedModels with known weights, and the plain-Java computation they must match.
 *
 * <p>The network: input {@code [N, 4, 4, 3]}, spatial mean to {@code [N, 3]}, then {@code embedding
 * = mean x W + B} ({@code [N, 2]}) and {@code probabilities = softmax(embedding x C)} ({@code [N,
 * 3]}).
 */
final class TinyModels {

    static final int SIZE = 4;
    static final float[][] W = {{1f, -2f}, {0.5f, 3f}, {-1f, 0.25f}};
    static final float[] B = {0.1f, -0.2f};
    static final float[][] C = {{1f, 0f, -1f}, {0.5f, -0.5f, 2f}};

    private TinyModels() {}

    /** A descriptor of the tiny model, with the classifier. */
    static ModelDescriptor descriptor(ChannelOrder order, boolean normalize) {
        return new ModelDescriptor(
                "tiny",
                SIZE,
                order,
                List.of(10.0, 20.0, 30.0),
                0.5,
                new TemplateCrop(AlignmentTemplate.DLIB_150.resized(SIZE)),
                "serving_default",
                "image",
                "embedding",
                2,
                normalize,
                Optional.of(new Classifier("probabilities", 3, Optional.of("labels.txt"))),
                new Threshold(Metric.EUCLIDEAN, 0.5, "made up for tests"));
    }

    /** Exports the SavedModel (no descriptor) into {@code dir}. */
    static void exportSavedModel(Path dir) {
        try (Graph g = new Graph();
                Session s = new Session(g)) {
            Ops tf = Ops.create(g);
            Placeholder<TFloat32> x =
                    tf.withName("image")
                            .placeholder(
                                    TFloat32.class, Placeholder.shape(Shape.of(-1, SIZE, SIZE, 3)));
            Operand<TFloat32> pooled = tf.math.mean(x, tf.constant(new int[] {1, 2}));
            var w = tf.withName("w").variable(tf.constant(W));
            var b = tf.withName("b").variable(tf.constant(B));
            Operand<TFloat32> emb =
                    tf.withName("embedding").math.add(tf.linalg.matMul(pooled, w), b);
            var c = tf.withName("c").variable(tf.constant(C));
            Operand<TFloat32> prob =
                    tf.withName("probabilities").nn.softmax(tf.linalg.matMul(emb, c));
            s.initialize();
            Signature sig =
                    Signature.builder()
                            .key("serving_default")
                            .input("image", x)
                            .output("embedding", emb)
                            .output("probabilities", prob)
                            .build();
            SavedModelBundle.exporter(dir.toString())
                    .withFunction(SessionFunction.create(sig, s))
                    .export();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Exports the SavedModel, the descriptor and a three-line labels file into {@code dir}. */
    static Path export(Path dir, ModelDescriptor descriptor) throws Exception {
        exportSavedModel(dir);
        descriptor.write(dir.resolve(ModelDescriptor.FILE_NAME));
        java.nio.file.Files.writeString(dir.resolve("labels.txt"), "alice\nbob\ncarol\n");
        return dir;
    }

    /** The network's input for one chip, preprocessed as the descriptor says, in plain Java. */
    static float[] expectedEmbedding(byte[] rgb, ModelDescriptor d) {
        double[] sum = new double[3];
        for (int p = 0; p < rgb.length; p += 3) {
            int r = rgb[p] & 0xff;
            int g = rgb[p + 1] & 0xff;
            int b = rgb[p + 2] & 0xff;
            int[] ordered =
                    d.channelOrder() == ChannelOrder.BGR
                            ? new int[] {b, g, r}
                            : new int[] {r, g, b};
            for (int c = 0; c < 3; c++) {
                sum[c] += (ordered[c] - d.mean().get(c)) * d.scale();
            }
        }
        int n = rgb.length / 3;
        double[] m = {sum[0] / n, sum[1] / n, sum[2] / n};
        float[] e = new float[2];
        for (int j = 0; j < 2; j++) {
            double v = B[j];
            for (int c = 0; c < 3; c++) {
                v += m[c] * W[c][j];
            }
            e[j] = (float) v;
        }
        return e;
    }

    /** The classifier's probabilities for a raw (not normalised) embedding, in plain Java. */
    static double[] expectedProbabilities(float[] e) {
        double[] logits = new double[3];
        double max = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < 3; k++) {
            logits[k] = e[0] * C[0][k] + e[1] * C[1][k];
            max = Math.max(max, logits[k]);
        }
        double z = 0;
        for (int k = 0; k < 3; k++) {
            logits[k] = Math.exp(logits[k] - max);
            z += logits[k];
        }
        for (int k = 0; k < 3; k++) {
            logits[k] /= z;
        }
        return logits;
    }
}
