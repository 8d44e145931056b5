package dev.facekit.match;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class KernelsTest {

    @Test
    void bothDotProductsMatchADoublePrecisionSumForEveryTailLength() {
        Random rnd = new Random(1);
        for (int dim = 1; dim <= 40; dim++) {
            float[] q = new float[dim];
            float[] m = new float[3 + 2 * dim];
            for (int i = 0; i < dim; i++) {
                q[i] = (float) rnd.nextGaussian();
            }
            for (int i = 0; i < m.length; i++) {
                m[i] = (float) rnd.nextGaussian();
            }
            int off = 3 + dim;
            double expected = 0;
            double magnitude = 0;
            for (int i = 0; i < dim; i++) {
                expected += (double) q[i] * m[off + i];
                magnitude += Math.abs((double) q[i] * m[off + i]);
            }
            double tolerance = 1e-6 * magnitude + 1e-7;
            assertThat((double) Kernels.dotFma(q, m, off, dim))
                    .as("fma, dim %d", dim)
                    .isCloseTo(expected, within(tolerance));
            assertThat((double) Kernels.dotPlain(q, m, off, dim))
                    .as("plain, dim %d", dim)
                    .isCloseTo(expected, within(tolerance));
        }
    }

    @Test
    void exactProductsAreExactInBothVersions() {
        float[] q = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11};
        float[] m = {0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 2};

        assertThat(Kernels.dotFma(q, m, 2, 11)).isEqualTo(55f + 22f);
        assertThat(Kernels.dotPlain(q, m, 2, 11)).isEqualTo(55f + 22f);
    }
}
