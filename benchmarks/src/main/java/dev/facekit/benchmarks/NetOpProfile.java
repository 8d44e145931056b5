package dev.facekit.benchmarks;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Signature;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.proto.DeviceStepStats;
import org.tensorflow.proto.NodeExecStats;
import org.tensorflow.proto.RunMetadata;
import org.tensorflow.proto.RunOptions;
import org.tensorflow.types.TFloat32;

/**
 * Times one SavedModel's {@code serving_default} signature on a random image batch: the best of 15
 * plain session runs (after 3 warm-up runs), then each graph operation's mean time over 3 runs
 * traced with {@code RunOptions.TraceLevel.FULL_TRACE}, slowest first. An operation's traced time
 * runs from its start to its end, so operations that wait for a busy thread look slower than they
 * are; the plain runs are the figure to compare. Used for the P-Net rewrite in {@code
 * mtcnn/README.md}.
 *
 * <p>Usage: {@code NetOpProfile MODEL_DIR N H W [top]}, for example the first level of a 1080p
 * photo: {@code NetOpProfile mtcnn/src/main/resources/dev/facekit/mtcnn/pnet 1 649 1153}.
 */
public final class NetOpProfile {

    private NetOpProfile() {}

    /**
     * Runs the measurement.
     *
     * @param args model directory, batch, height, width, and optionally how many operations to
     *     print (default 20)
     */
    public static void main(String[] args) {
        if (args.length < 4) {
            System.err.println("usage: NetOpProfile MODEL_DIR N H W [top]");
            System.exit(2);
        }
        int n = Integer.parseInt(args[1]);
        int h = Integer.parseInt(args[2]);
        int w = Integer.parseInt(args[3]);
        int top = args.length > 4 ? Integer.parseInt(args[4]) : 20;
        float[] pixels = new float[n * h * w * 3];
        Random rnd = new Random(1);
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = rnd.nextInt(256);
        }
        try (SavedModelBundle b = SavedModelBundle.loader(args[0]).withTags("serve").load()) {
            Signature sig = b.function(Signature.DEFAULT_KEY).signature();
            String input = sig.getInputs().get("image").name;
            String[] outputs =
                    sig.getOutputs().values().stream().map(d -> d.name).toArray(String[]::new);
            double best = Double.POSITIVE_INFINITY;
            for (int i = 0; i < 18; i++) {
                long t0 = System.nanoTime();
                run(b, input, outputs, pixels, n, h, w, null);
                if (i >= 3) {
                    best = Math.min(best, (System.nanoTime() - t0) / 1e6);
                }
            }
            System.out.printf(
                    "%s [%d, %d, %d, 3]: best of 15 runs %.2f ms%n", args[0], n, h, w, best);
            Map<String, Long> micros = new HashMap<>();
            RunOptions trace =
                    RunOptions.newBuilder().setTraceLevel(RunOptions.TraceLevel.FULL_TRACE).build();
            for (int i = 0; i < 3; i++) {
                RunMetadata md = run(b, input, outputs, pixels, n, h, w, trace);
                for (DeviceStepStats d : md.getStepStats().getDevStatsList()) {
                    for (NodeExecStats s : d.getNodeStatsList()) {
                        micros.merge(s.getNodeName(), s.getAllEndRelMicros(), Long::sum);
                    }
                }
            }
            micros.entrySet().stream()
                    .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                    .limit(top)
                    .forEach(
                            e ->
                                    System.out.printf(
                                            "%-40s %8.2f ms%n", e.getKey(), e.getValue() / 3e3));
        }
    }

    private static RunMetadata run(
            SavedModelBundle b,
            String input,
            String[] outputs,
            float[] pixels,
            int n,
            int h,
            int w,
            RunOptions options) {
        try (TFloat32 in =
                TFloat32.tensorOf(Shape.of(n, h, w, 3), DataBuffers.of(pixels, true, false))) {
            var runner = b.session().runner().feed(input, in);
            for (String o : outputs) {
                runner.fetch(o);
            }
            if (options == null) {
                try (Result r = runner.run()) {
                    return null;
                }
            }
            try (Result r = runner.setOptions(options).runAndFetchMetadata()) {
                return r.getMetadata().orElseThrow();
            }
        }
    }
}
