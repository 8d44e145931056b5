package dev.facekit.match;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The SIMD kernel of {@link Kernels}: four rows at a time, one vector of sums per row, as wide as
 * the CPU's widest float vectors; the components past the last whole vector are added one by one.
 * Only {@link Kernels#vectorKernel()} creates it, by name, and only when the JVM was started with
 * {@code --add-modules jdk.incubator.vector}.
 */
final class VectorKernel implements Kernels.DotKernel {

    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;

    /**
     * Creates the kernel.
     *
     * @throws UnsupportedOperationException if the widest float vector holds fewer than four
     *     floats, where SIMD would not pay
     */
    VectorKernel() {
        if (SPECIES.length() < 4) {
            throw new UnsupportedOperationException(
                    "the widest float vector holds only " + SPECIES.length() + " floats");
        }
    }

    @Override
    public void dots(float[] q, float[] m, int row0, int n, int dim, float[] out) {
        int lanes = SPECIES.length();
        int whole = dim - dim % lanes;
        int j = 0;
        for (; j + 4 <= n; j += 4) {
            int o0 = (row0 + j) * dim;
            int o1 = o0 + dim;
            int o2 = o1 + dim;
            int o3 = o2 + dim;
            FloatVector a = FloatVector.zero(SPECIES);
            FloatVector b = a;
            FloatVector c = a;
            FloatVector d = a;
            for (int i = 0; i < whole; i += lanes) {
                FloatVector x = FloatVector.fromArray(SPECIES, q, i);
                a = x.fma(FloatVector.fromArray(SPECIES, m, o0 + i), a);
                b = x.fma(FloatVector.fromArray(SPECIES, m, o1 + i), b);
                c = x.fma(FloatVector.fromArray(SPECIES, m, o2 + i), c);
                d = x.fma(FloatVector.fromArray(SPECIES, m, o3 + i), d);
            }
            float sa = a.reduceLanes(VectorOperators.ADD);
            float sb = b.reduceLanes(VectorOperators.ADD);
            float sc = c.reduceLanes(VectorOperators.ADD);
            float sd = d.reduceLanes(VectorOperators.ADD);
            for (int i = whole; i < dim; i++) {
                float x = q[i];
                sa += x * m[o0 + i];
                sb += x * m[o1 + i];
                sc += x * m[o2 + i];
                sd += x * m[o3 + i];
            }
            out[j] = sa;
            out[j + 1] = sb;
            out[j + 2] = sc;
            out[j + 3] = sd;
        }
        for (; j < n; j++) {
            int o = (row0 + j) * dim;
            FloatVector a = FloatVector.zero(SPECIES);
            for (int i = 0; i < whole; i += lanes) {
                a =
                        FloatVector.fromArray(SPECIES, q, i)
                                .fma(FloatVector.fromArray(SPECIES, m, o + i), a);
            }
            float s = a.reduceLanes(VectorOperators.ADD);
            for (int i = whole; i < dim; i++) {
                s += q[i] * m[o + i];
            }
            out[j] = s;
        }
    }

    @Override
    public void squaredDistances(float[] q, float[] m, int row0, int n, int dim, float[] out) {
        int lanes = SPECIES.length();
        int whole = dim - dim % lanes;
        for (int j = 0; j < n; j++) {
            int o = (row0 + j) * dim;
            FloatVector a = FloatVector.zero(SPECIES);
            for (int i = 0; i < whole; i += lanes) {
                FloatVector d =
                        FloatVector.fromArray(SPECIES, q, i)
                                .sub(FloatVector.fromArray(SPECIES, m, o + i));
                a = d.fma(d, a);
            }
            float s = a.reduceLanes(VectorOperators.ADD);
            for (int i = whole; i < dim; i++) {
                float d = q[i] - m[o + i];
                s += d * d;
            }
            out[j] = s;
        }
    }

    @Override
    public String name() {
        return "vector-" + SPECIES.vectorBitSize();
    }
}
