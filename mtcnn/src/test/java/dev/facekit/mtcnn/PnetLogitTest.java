package dev.facekit.mtcnn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.facekit.image.RgbImage;
import dev.facekit.internal.tf.SavedModelHandle;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.tensorflow.Result;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;

/** The bundled P-Net's optional {@code logit} output, which the detector reads instead of prob. */
class PnetLogitTest {

    @Test
    void theSigmoidOfTheLogitIsTheProbabilityOutput() {
        int h = 41;
        int w = 67;
        float[] input = new float[h * w * 3];
        Random rnd = new Random(7);
        for (int i = 0; i < input.length; i++) {
            input[i] = rnd.nextInt(256);
        }
        try (SavedModelHandle pnet =
                SavedModelHandle.loadResource(MtcnnDetector.class, "/dev/facekit/mtcnn/pnet")) {
            List<float[]> out =
                    pnet.run(
                            b -> {
                                try (TFloat32 in =
                                                TFloat32.tensorOf(
                                                        Shape.of(1, h, w, 3),
                                                        DataBuffers.of(input, true, false));
                                        Result r =
                                                b.function("serving_default")
                                                        .call(Map.of("image", in))) {
                                    TFloat32 prob = (TFloat32) r.get("prob").orElseThrow();
                                    TFloat32 logit = (TFloat32) r.get("logit").orElseThrow();
                                    assertThat(logit.shape()).isEqualTo(prob.shape());
                                    // ceil((41 - 2) / 2) - 4 = 16 rows, ceil((67 - 2) / 2) - 4 =
                                    // 29.
                                    assertThat(prob.shape().asArray())
                                            .containsExactly(1L, 16L, 29L);
                                    return List.of(values(prob), values(logit));
                                }
                            });
            float[] prob = out.get(0);
            float[] logit = out.get(1);
            float min = 1f;
            float max = 0f;
            for (int i = 0; i < prob.length; i++) {
                assertThat(MtcnnDetector.sigmoid(logit[i]))
                        .as("cell %d", i)
                        .isCloseTo(prob[i], within(2e-7f));
                min = Math.min(min, prob[i]);
                max = Math.max(max, prob[i]);
            }
            // The cells differ: the comparison is not over one repeated value.
            assertThat(max - min).isGreaterThan(0.05f);
        }
    }

    @Test
    void atThresholdZeroEveryCellOfALevelIsACandidate() {
        RgbImage image = MtcnnDetectorTest.noise(97, 61, 3);
        try (MtcnnDetector d =
                MtcnnDetector.create(MtcnnOptions.DEFAULTS.withThresholds(0f, 0.7f, 0.7f))) {
            double scale = d.scales(97, 61).get(0);
            int lh = (int) (61 * scale + 1);
            int lw = (int) (97 * scale + 1);
            List<Candidate> cells =
                    d.levelCells(new AreaResampler(image), 97, 61, lw, lh, (float) scale, 1 << 20);
            assertThat(cells).hasSize(((lh - 1) / 2 - 4) * ((lw - 1) / 2 - 4));
            assertThat(cells).allSatisfy(c -> assertThat(c.score).isBetween(0f, 1f));
        }
    }

    @Test
    void theSigmoidIsTheLogisticFunction() {
        assertThat(MtcnnDetector.sigmoid(0f)).isEqualTo(0.5f);
        assertThat(MtcnnDetector.sigmoid((float) Math.log(1.5))).isCloseTo(0.6f, within(1e-7f));
        assertThat(MtcnnDetector.sigmoid(40f)).isEqualTo(1f);
        assertThat(MtcnnDetector.sigmoid(-200f)).isEqualTo(0f);
    }

    private static float[] values(TFloat32 t) {
        float[] v = new float[(int) t.shape().size()];
        t.copyTo(DataBuffers.of(v, false, false));
        return v;
    }
}
