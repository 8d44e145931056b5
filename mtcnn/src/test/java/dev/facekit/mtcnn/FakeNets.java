package dev.facekit.mtcnn;

import java.nio.file.Path;
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
 * Exports stand-in P-, R- and O-Nets with the bundled models' signatures whose outputs are
 * constants: every window or crop gets the same probability, regression and landmarks. They drive
 * the pipeline into the extreme cases real weights rarely reach (every candidate passing, boxes
 * inverted or pushed outside the image by the regression).
 */
final class FakeNets {

    private FakeNets() {}

    /** Exports the three nets into {@code root/pnet}, {@code root/rnet}, {@code root/onet}. */
    static void export(Path root, float prob, float[] reg, float[] landmarks) throws Exception {
        exportPnet(root.resolve("pnet"), prob, reg);
        exportCropNet(root.resolve("rnet"), 24, prob, reg, null);
        exportCropNet(root.resolve("onet"), 48, prob, reg, landmarks);
    }

    private static void exportPnet(Path dir, float prob, float[] reg) throws Exception {
        try (Graph g = new Graph();
                Session s = new Session(g)) {
            Ops tf = Ops.create(g);
            Placeholder<TFloat32> image =
                    tf.withName("image")
                            .placeholder(
                                    TFloat32.class, Placeholder.shape(Shape.of(-1, -1, -1, 3)));
            Operand<TFloat32> pooled =
                    tf.nn.maxPool(
                            image,
                            tf.constant(new int[] {1, 12, 12, 1}),
                            tf.constant(new int[] {1, 2, 2, 1}),
                            "VALID");
            Operand<TFloat32> zero =
                    tf.math.mul(tf.gather(pooled, tf.constant(0), tf.constant(3)), tf.constant(0f));
            Operand<TFloat32> p = tf.math.add(zero, tf.constant(prob));
            Operand<TFloat32> r =
                    tf.math.add(tf.expandDims(zero, tf.constant(3)), tf.constant(reg));
            save(
                    dir,
                    s,
                    Signature.builder()
                            .input("image", image)
                            .output("prob", p)
                            .output("regression", r));
        }
    }

    private static void exportCropNet(
            Path dir, int size, float prob, float[] reg, float[] landmarks) throws Exception {
        try (Graph g = new Graph();
                Session s = new Session(g)) {
            Ops tf = Ops.create(g);
            Placeholder<TFloat32> image =
                    tf.withName("image")
                            .placeholder(
                                    TFloat32.class, Placeholder.shape(Shape.of(-1, size, size, 3)));
            Operand<TFloat32> flat =
                    tf.reshape(image, tf.constant(new int[] {-1, size * size * 3}));
            Operand<TFloat32> zero =
                    tf.math.mul(
                            tf.reshape(
                                    tf.gather(flat, tf.constant(new int[] {0}), tf.constant(1)),
                                    tf.constant(new int[] {-1, 1})),
                            tf.constant(0f));
            Operand<TFloat32> p =
                    tf.math.add(tf.reshape(zero, tf.constant(new int[] {-1})), tf.constant(prob));
            Signature.Builder sig =
                    Signature.builder()
                            .input("image", image)
                            .output("prob", p)
                            .output("regression", tf.math.add(zero, tf.constant(reg)));
            if (landmarks != null) {
                sig.output("landmarks", tf.math.add(zero, tf.constant(landmarks)));
            }
            save(dir, s, sig);
        }
    }

    private static void save(Path dir, Session s, Signature.Builder sig) throws Exception {
        SavedModelBundle.exporter(dir.toString())
                .withFunction(SessionFunction.create(sig.key("serving_default").build(), s))
                .export();
    }
}
