package dev.facekit.match;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.facekit.match.Kernels.DotKernel;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class KernelsTest {

    /** Every kernel this JVM can run; core's tests run with the Vector API module. */
    private static List<DotKernel> kernels() {
        List<DotKernel> all = new ArrayList<>();
        all.add(new Kernels.ScalarFma());
        all.add(new Kernels.ScalarPlain());
        DotKernel vector = Kernels.vectorKernel();
        if (vector != null) {
            all.add(vector);
        }
        return all;
    }

    @Test
    void theVectorKernelIsSelectedWhenTheModuleIsPresent() {
        // Surefire starts core's tests with --add-modules jdk.incubator.vector (core/pom.xml).
        assertThat(ModuleLayer.boot().findModule(Kernels.VECTOR_MODULE)).isPresent();
        assertThat(Kernels.SELECTED).isInstanceOf(VectorKernel.class);
        assertThat(Kernels.selectedName()).startsWith("vector-");
        assertThat(kernels()).hasSize(3);
    }

    @Test
    void everyKernelMatchesADoublePrecisionSumForEveryTailOfRowsAndComponents() {
        Random rnd = new Random(1);
        int[] dims = {1, 2, 3, 5, 7, 8, 9, 15, 16, 17, 31, 33, 40, 127, 128, 129, 2048};
        for (DotKernel kernel : kernels()) {
            for (int dim : dims) {
                for (int n = 1; n <= 9; n++) {
                    int row0 = 2;
                    float[] q = gaussian(rnd, dim);
                    float[] m = gaussian(rnd, (row0 + n + 1) * dim);
                    float[] out = new float[n + 1];
                    out[n] = 42f;
                    kernel.dots(q, m, row0, n, dim, out);
                    for (int j = 0; j < n; j++) {
                        int off = (row0 + j) * dim;
                        double expected = 0;
                        double magnitude = 0;
                        for (int i = 0; i < dim; i++) {
                            expected += (double) q[i] * m[off + i];
                            magnitude += Math.abs((double) q[i] * m[off + i]);
                        }
                        assertThat((double) out[j])
                                .as("%s, dim %d, %d rows, row %d", kernel.name(), dim, n, j)
                                .isCloseTo(expected, within(1e-6 * magnitude + 1e-7));
                    }
                    assertThat(out[n]).as("%s writes past n", kernel.name()).isEqualTo(42f);
                }
            }
        }
    }

    @Test
    void everyKernelsSquaredDistancesMatchADoublePrecisionSum() {
        Random rnd = new Random(2);
        int[] dims = {1, 2, 3, 5, 8, 15, 16, 17, 33, 128, 129, 2048};
        for (DotKernel kernel : kernels()) {
            for (int dim : dims) {
                int n = 5;
                int row0 = 1;
                float[] q = gaussian(rnd, dim);
                float[] m = gaussian(rnd, (row0 + n) * dim);
                // Far from the origin, as unnormalised embeddings can be: the distances stay
                // accurate because the differences come first.
                for (int i = 0; i < m.length; i++) {
                    m[i] += 1000f;
                }
                for (int i = 0; i < dim; i++) {
                    q[i] += 1000f;
                }
                float[] out = new float[n];
                kernel.squaredDistances(q, m, row0, n, dim, out);
                for (int j = 0; j < n; j++) {
                    double expected = 0;
                    for (int i = 0; i < dim; i++) {
                        double d = (double) (q[i] - m[(row0 + j) * dim + i]);
                        expected += d * d;
                    }
                    assertThat((double) out[j])
                            .as("%s, dim %d, row %d", kernel.name(), dim, j)
                            .isCloseTo(expected, within(1e-5 * expected + 1e-7));
                }
            }
        }
    }

    @Test
    void exactProductsAreExactInEveryKernel() {
        // Row 0 is skipped; rows 1 to 5 hold 1s with a 2 at the end, so q.row = 55 + 22 = 77.
        int dim = 11;
        float[] q = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11};
        float[] m = new float[6 * dim];
        for (int r = 1; r < 6; r++) {
            for (int i = 0; i < dim; i++) {
                m[r * dim + i] = i == dim - 1 ? 2 : 1;
            }
        }
        for (DotKernel kernel : kernels()) {
            float[] out = new float[5];
            kernel.dots(q, m, 1, 5, dim, out);
            assertThat(out).as(kernel.name()).containsOnly(77f);
        }
    }

    @Test
    void booleanPropertiesAcceptTrueAndFalseAndFallBackOnAnythingElse() {
        String name = "facekit.test.flag";
        try {
            System.clearProperty(name);
            assertThat(Kernels.flag(name, true)).isTrue();
            assertThat(Kernels.flag(name, false)).isFalse();
            System.setProperty(name, " FALSE ");
            assertThat(Kernels.flag(name, true)).isFalse();
            System.setProperty(name, "True");
            assertThat(Kernels.flag(name, false)).isTrue();
            System.setProperty(name, "maybe");
            assertThat(Kernels.flag(name, true)).isTrue();
            assertThat(Kernels.flag(name, false)).isFalse();
        } finally {
            System.clearProperty(name);
        }
    }

    private static float[] gaussian(Random rnd, int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) rnd.nextGaussian();
        }
        return v;
    }
}
