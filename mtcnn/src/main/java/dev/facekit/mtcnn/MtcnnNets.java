package dev.facekit.mtcnn;

import dev.facekit.internal.tf.SavedModelHandle;
import dev.facekit.model.ModelException;
import java.util.Arrays;
import java.util.Map;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.Signature;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.ndarray.buffer.FloatDataBuffer;
import org.tensorflow.types.TFloat32;

/**
 * The three loaded nets and the tensor names of their {@code serving_default} signatures. Each call
 * is one session run; tensors are created and closed inside it. Thread-safe: the handles allow
 * concurrent runs and wait for them on close.
 */
final class MtcnnNets implements AutoCloseable {

    /**
     * P-Net's outputs for one pyramid level: {@code score [h, w]}, {@code reg [h, w, 4]}. The score
     * is the face probability, or, when {@code logits} is true (the net has the optional {@code
     * logit} output), the logit difference whose sigmoid is that probability.
     */
    record PnetOut(int height, int width, float[] score, float[] reg, boolean logits) {}

    /** R- or O-Net outputs for {@code n} crops: {@code prob [n]}, {@code reg [n, 4]}, landmarks. */
    record CropOut(float[] prob, float[] reg, float[] landmarks) {}

    private final Net pnet;
    private final Net rnet;
    private final Net onet;

    private MtcnnNets(Net pnet, Net rnet, Net onet) {
        this.pnet = pnet;
        this.rnet = rnet;
        this.onet = onet;
    }

    /** Takes ownership of three handles; closes them all if any lacks the expected signature. */
    static MtcnnNets of(SavedModelHandle p, SavedModelHandle r, SavedModelHandle o) {
        try {
            return new MtcnnNets(
                    Net.of(p, false, true), Net.of(r, false, false), Net.of(o, true, false));
        } catch (RuntimeException e) {
            p.close();
            r.close();
            o.close();
            throw e;
        }
    }

    /** Writes one row of a P-Net input: {@code 3 * width} floats, RGB in [0, 255]. */
    interface RowWriter {
        /**
         * Writes input row {@code row} into {@code out} from index 0.
         *
         * @param row the row, from 0
         * @param out where to write
         */
        void write(int row, float[] out);
    }

    /**
     * Runs P-Net on {@code [height, width, 3]} pixels that {@code rows} writes one row at a time,
     * straight into the input tensor, so that no copy of a whole level is held on the heap.
     */
    PnetOut pnet(int height, int width, RowWriter rows) {
        int rowFloats = 3 * width;
        return pnet.handle.run(
                b -> {
                    try (TFloat32 in = TFloat32.tensorOf(Shape.of(1, height, width, 3))) {
                        FloatDataBuffer data = in.asRawTensor().data().asFloats();
                        float[] row = new float[rowFloats];
                        for (int y = 0; y < height; y++) {
                            rows.write(y, row);
                            data.offset((long) y * rowFloats).write(row);
                        }
                        try (Result r = pnet.run(b.session(), in)) {
                            TFloat32 prob = (TFloat32) r.get(0);
                            TFloat32 reg = (TFloat32) r.get(1);
                            Shape s = prob.shape();
                            int h = (int) s.get(1);
                            int w = (int) s.get(2);
                            return new PnetOut(
                                    h,
                                    w,
                                    read(prob, h * w),
                                    read(reg, h * w * 4),
                                    pnet.logit() != null);
                        }
                    }
                });
    }

    /** Runs R-Net on {@code n} crops of {@code [24, 24, 3]}. */
    CropOut rnet(float[] crops, int n) {
        return rnet.crops(crops, n, 24);
    }

    /** Runs O-Net on {@code n} crops of {@code [48, 48, 3]}. */
    CropOut onet(float[] crops, int n) {
        return onet.crops(crops, n, 48);
    }

    /** Returns whether the nets have been closed. */
    boolean isClosed() {
        return pnet.handle.isClosed() || rnet.handle.isClosed() || onet.handle.isClosed();
    }

    @Override
    public void close() {
        pnet.handle.close();
        rnet.handle.close();
        onet.handle.close();
    }

    private static TFloat32 tensor(float[] data, long n, long h, long w) {
        return TFloat32.tensorOf(Shape.of(n, h, w, 3), DataBuffers.of(data, true, false));
    }

    private static float[] read(TFloat32 t, int count) {
        float[] out = new float[count];
        t.copyTo(DataBuffers.of(out, false, false));
        return out;
    }

    /** One net: its handle and the graph names of its signature's tensors. */
    private record Net(
            SavedModelHandle handle,
            String input,
            String prob,
            String reg,
            String landmarks,
            String logit) {

        /**
         * Reads the tensor names of a net's signature. With {@code logitIfPresent}, the optional
         * {@code logit} output, when the signature has it, is fetched instead of {@code prob}.
         */
        static Net of(SavedModelHandle h, boolean withLandmarks, boolean logitIfPresent) {
            Signature sig = h.signature(Signature.DEFAULT_KEY);
            Map<String, Signature.TensorDescription> in = sig.getInputs();
            Map<String, Signature.TensorDescription> out = sig.getOutputs();
            String logit =
                    logitIfPresent && out.containsKey("logit") ? name(h, out, "logit") : null;
            return new Net(
                    h,
                    name(h, in, "image"),
                    logit != null ? logit : name(h, out, "prob"),
                    name(h, out, "regression"),
                    withLandmarks ? name(h, out, "landmarks") : null,
                    logit);
        }

        private static String name(
                SavedModelHandle h, Map<String, Signature.TensorDescription> map, String key) {
            Signature.TensorDescription d = map.get(key);
            if (d == null) {
                throw new ModelException(
                        h.location()
                                + ": signature serving_default has no tensor '"
                                + key
                                + "', found "
                                + map.keySet());
            }
            return d.name;
        }

        Result run(Session session, TFloat32 in) {
            Session.Runner runner = session.runner().feed(input, in).fetch(prob).fetch(reg);
            if (landmarks != null) {
                runner.fetch(landmarks);
            }
            return runner.run();
        }

        CropOut crops(float[] crops, int n, int size) {
            int stride = size * size * 3;
            float[] p = new float[n];
            float[] g = new float[4 * n];
            float[] l = landmarks == null ? null : new float[10 * n];
            for (int from = 0; from < n; from += MtcnnDetector.MAX_BATCH) {
                int k = Math.min(MtcnnDetector.MAX_BATCH, n - from);
                float[] batch =
                        k == n
                                ? crops
                                : Arrays.copyOfRange(crops, from * stride, (from + k) * stride);
                CropOut part = run(batch, k, size);
                System.arraycopy(part.prob(), 0, p, from, k);
                System.arraycopy(part.reg(), 0, g, 4 * from, 4 * k);
                if (l != null) {
                    System.arraycopy(part.landmarks(), 0, l, 10 * from, 10 * k);
                }
            }
            return new CropOut(p, g, l);
        }

        private CropOut run(float[] crops, int n, int size) {
            return handle.run(
                    b -> {
                        try (TFloat32 in = tensor(crops, n, size, size);
                                Result r = run(b.session(), in)) {
                            float[] p = read((TFloat32) r.get(0), n);
                            float[] g = read((TFloat32) r.get(1), 4 * n);
                            float[] l =
                                    landmarks == null ? null : read((TFloat32) r.get(2), 10 * n);
                            return new CropOut(p, g, l);
                        }
                    });
        }
    }
}
