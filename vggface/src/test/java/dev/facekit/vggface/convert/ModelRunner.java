package dev.facekit.vggface.convert;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;

/** Runs a converted SavedModel on preprocessed input and compares outputs with the reference. */
final class ModelRunner {

    static final int PIXELS = 224 * 224 * 3;

    private ModelRunner() {}

    /** A deterministic preprocessed image: values in [-128, 128), like BGR minus the means. */
    static float[] randomInput(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] x = new float[PIXELS];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) r.nextDouble(-128, 128);
        }
        return x;
    }

    /**
     * Runs the model's serving signature on one preprocessed image and fetches the named outputs.
     */
    static Map<String, float[]> run(Path dir, float[] input, List<String> outputs) {
        Map<String, float[]> out = new LinkedHashMap<>();
        try (SavedModelBundle bundle = SavedModelBundle.load(dir.toString(), "serve");
                TFloat32 x =
                        TFloat32.tensorOf(
                                Shape.of(1, 224, 224, 3), DataBuffers.of(input, true, false));
                Result result = bundle.call(Map.of("input", (Tensor) x))) {
            for (String name : outputs) {
                Tensor t =
                        result.get(name).orElseThrow(() -> new AssertionError("no output " + name));
                float[] v = new float[(int) t.shape().size()];
                ((TFloat32) t).asRawTensor().data().asFloats().read(v);
                out.put(name, v);
            }
        }
        return out;
    }

    /** Asserts {@code max |actual - expected| <= tolerance * max |expected|}. */
    static void assertClose(String name, float[] actual, float[] expected, double tolerance) {
        assertThat(actual).as(name + " length").hasSize(expected.length);
        double maxRef = 0;
        double maxDiff = 0;
        for (int i = 0; i < expected.length; i++) {
            maxRef = Math.max(maxRef, Math.abs(expected[i]));
            maxDiff = Math.max(maxDiff, Math.abs(actual[i] - expected[i]));
        }
        assertThat(maxRef).as(name + " is not all zeros").isGreaterThan(0);
        assertThat(maxDiff / maxRef)
                .as(name + ": max abs difference relative to the largest reference value")
                .isLessThanOrEqualTo(tolerance);
    }
}
