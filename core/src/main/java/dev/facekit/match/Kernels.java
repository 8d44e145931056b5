package dev.facekit.match;

/** The inner loops of exact search, kept apart so that the JIT compiles them on their own. */
final class Kernels {

    private Kernels() {}

    /**
     * Returns the dot product of {@code q} with {@code q.length} floats of {@code m} from {@code
     * off}, in single precision. Eight independent sums hide the latency of the additions.
     */
    static float dot(float[] q, float[] m, int off, int dim) {
        float s0 = 0f, s1 = 0f, s2 = 0f, s3 = 0f, s4 = 0f, s5 = 0f, s6 = 0f, s7 = 0f;
        int i = 0;
        int end = dim & ~7;
        for (; i < end; i += 8) {
            int j = off + i;
            s0 += q[i] * m[j];
            s1 += q[i + 1] * m[j + 1];
            s2 += q[i + 2] * m[j + 2];
            s3 += q[i + 3] * m[j + 3];
            s4 += q[i + 4] * m[j + 4];
            s5 += q[i + 5] * m[j + 5];
            s6 += q[i + 6] * m[j + 6];
            s7 += q[i + 7] * m[j + 7];
        }
        for (; i < dim; i++) {
            s0 += q[i] * m[off + i];
        }
        return ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7));
    }
}
