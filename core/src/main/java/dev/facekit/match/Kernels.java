package dev.facekit.match;

import java.lang.management.ManagementFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The inner loop of exact search: the dot products of one query with a run of consecutive rows of
 * the gallery's matrix, kept apart so that the JIT compiles it on its own.
 *
 * <p>Three kernels. Their dot products (cosine search) work on four rows at a time, so that every
 * component of the query is loaded once for four rows; their squared distances (Euclidean search)
 * subtract first and work one row at a time:
 *
 * <ul>
 *   <li><b>vector</b>: SIMD through the JDK's incubating Vector API ({@code jdk.incubator.vector}),
 *       as wide as the CPU's widest float vectors. Java 17 only offers that module when the JVM is
 *       started with {@code --add-modules jdk.incubator.vector}; without it, or when the system
 *       property {@code facekit.gallery.vector} is {@code false}, or when the widest vector holds
 *       fewer than four floats, a scalar kernel is used.
 *   <li><b>scalar, fused</b>: one {@link Math#fma} per component and row. {@code Math.fma} is only
 *       fast where the JVM compiles it to one instruction (HotSpot's {@code UseFMA} flag, on by
 *       default on x86 CPUs with FMA3 and on AArch64); elsewhere it falls back to exact arithmetic
 *       in software, which is far slower. So it is used when HotSpot reports {@code UseFMA=true},
 *       or when the system property {@code facekit.gallery.fma} is {@code true}.
 *   <li><b>scalar, plain</b>: a multiply and an add; the fallback everywhere else, and what {@code
 *       facekit.gallery.fma=false} forces.
 * </ul>
 *
 * <p>The kernels sum in different orders, so their single-precision results differ in the last
 * bits; search only uses them to select candidates, whose reported scores are recomputed in double
 * precision.
 */
final class Kernels {

    private static final Logger LOG = LoggerFactory.getLogger(Kernels.class);

    /** The module that holds the Vector API in Java 17. */
    static final String VECTOR_MODULE = "jdk.incubator.vector";

    /** Whether the scalar kernel uses fused multiply-adds. */
    static final boolean FMA = detectFma();

    /** The scalar kernel for this JVM: fused when {@link #FMA}, plain otherwise. */
    static final DotKernel SCALAR = FMA ? new ScalarFma() : new ScalarPlain();

    /** The kernel search uses: the vector kernel when it can be used, else {@link #SCALAR}. */
    static final DotKernel SELECTED = select();

    private Kernels() {}

    /** Dot products of one query with consecutive rows of a row-major matrix. */
    interface DotKernel {
        /**
         * Sets {@code out[j]} to the dot product of {@code q[0..dim)} with row {@code row0 + j} of
         * {@code m}, that is {@code m[(row0 + j) * dim ..)}, for every {@code j} in {@code [0, n)}.
         */
        void dots(float[] q, float[] m, int row0, int n, int dim, float[] out);

        /**
         * Sets {@code out[j]} to the squared Euclidean distance between {@code q[0..dim)} and row
         * {@code row0 + j} of {@code m}, for every {@code j} in {@code [0, n)}: differences first,
         * so the error is relative to the distance, not to the vectors' norms.
         */
        void squaredDistances(float[] q, float[] m, int row0, int n, int dim, float[] out);

        /** Returns a short name for logs and benchmark reports. */
        String name();
    }

    /** Returns a short name of the kernel search uses, such as {@code "vector-512"}. */
    static String selectedName() {
        return SELECTED.name();
    }

    /** The scalar kernel with {@link Math#fma}: four rows at a time, two sums per row. */
    static final class ScalarFma implements DotKernel {
        @Override
        public void dots(float[] q, float[] m, int row0, int n, int dim, float[] out) {
            int pairs = dim & ~1;
            int j = 0;
            for (; j + 4 <= n; j += 4) {
                int o0 = (row0 + j) * dim;
                int o1 = o0 + dim;
                int o2 = o1 + dim;
                int o3 = o2 + dim;
                float a0 = 0f, a1 = 0f, b0 = 0f, b1 = 0f, c0 = 0f, c1 = 0f, d0 = 0f, d1 = 0f;
                int i = 0;
                for (; i < pairs; i += 2) {
                    float x = q[i];
                    float y = q[i + 1];
                    a0 = Math.fma(x, m[o0 + i], a0);
                    a1 = Math.fma(y, m[o0 + i + 1], a1);
                    b0 = Math.fma(x, m[o1 + i], b0);
                    b1 = Math.fma(y, m[o1 + i + 1], b1);
                    c0 = Math.fma(x, m[o2 + i], c0);
                    c1 = Math.fma(y, m[o2 + i + 1], c1);
                    d0 = Math.fma(x, m[o3 + i], d0);
                    d1 = Math.fma(y, m[o3 + i + 1], d1);
                }
                if (i < dim) {
                    float x = q[i];
                    a0 = Math.fma(x, m[o0 + i], a0);
                    b0 = Math.fma(x, m[o1 + i], b0);
                    c0 = Math.fma(x, m[o2 + i], c0);
                    d0 = Math.fma(x, m[o3 + i], d0);
                }
                out[j] = a0 + a1;
                out[j + 1] = b0 + b1;
                out[j + 2] = c0 + c1;
                out[j + 3] = d0 + d1;
            }
            for (; j < n; j++) {
                int o = (row0 + j) * dim;
                float s0 = 0f, s1 = 0f;
                int i = 0;
                for (; i < pairs; i += 2) {
                    s0 = Math.fma(q[i], m[o + i], s0);
                    s1 = Math.fma(q[i + 1], m[o + i + 1], s1);
                }
                if (i < dim) {
                    s0 = Math.fma(q[i], m[o + i], s0);
                }
                out[j] = s0 + s1;
            }
        }

        @Override
        public void squaredDistances(float[] q, float[] m, int row0, int n, int dim, float[] out) {
            int quads = dim & ~3;
            for (int j = 0; j < n; j++) {
                int o = (row0 + j) * dim;
                float s0 = 0f, s1 = 0f, s2 = 0f, s3 = 0f;
                int i = 0;
                for (; i < quads; i += 4) {
                    float d0 = q[i] - m[o + i];
                    float d1 = q[i + 1] - m[o + i + 1];
                    float d2 = q[i + 2] - m[o + i + 2];
                    float d3 = q[i + 3] - m[o + i + 3];
                    s0 = Math.fma(d0, d0, s0);
                    s1 = Math.fma(d1, d1, s1);
                    s2 = Math.fma(d2, d2, s2);
                    s3 = Math.fma(d3, d3, s3);
                }
                for (; i < dim; i++) {
                    float d = q[i] - m[o + i];
                    s0 = Math.fma(d, d, s0);
                }
                out[j] = (s0 + s1) + (s2 + s3);
            }
        }

        @Override
        public String name() {
            return "scalar-fma";
        }
    }

    /** The scalar kernel with a multiply and an add: four rows at a time, two sums per row. */
    static final class ScalarPlain implements DotKernel {
        @Override
        public void dots(float[] q, float[] m, int row0, int n, int dim, float[] out) {
            int pairs = dim & ~1;
            int j = 0;
            for (; j + 4 <= n; j += 4) {
                int o0 = (row0 + j) * dim;
                int o1 = o0 + dim;
                int o2 = o1 + dim;
                int o3 = o2 + dim;
                float a0 = 0f, a1 = 0f, b0 = 0f, b1 = 0f, c0 = 0f, c1 = 0f, d0 = 0f, d1 = 0f;
                int i = 0;
                for (; i < pairs; i += 2) {
                    float x = q[i];
                    float y = q[i + 1];
                    a0 += x * m[o0 + i];
                    a1 += y * m[o0 + i + 1];
                    b0 += x * m[o1 + i];
                    b1 += y * m[o1 + i + 1];
                    c0 += x * m[o2 + i];
                    c1 += y * m[o2 + i + 1];
                    d0 += x * m[o3 + i];
                    d1 += y * m[o3 + i + 1];
                }
                if (i < dim) {
                    float x = q[i];
                    a0 += x * m[o0 + i];
                    b0 += x * m[o1 + i];
                    c0 += x * m[o2 + i];
                    d0 += x * m[o3 + i];
                }
                out[j] = a0 + a1;
                out[j + 1] = b0 + b1;
                out[j + 2] = c0 + c1;
                out[j + 3] = d0 + d1;
            }
            for (; j < n; j++) {
                int o = (row0 + j) * dim;
                float s0 = 0f, s1 = 0f;
                int i = 0;
                for (; i < pairs; i += 2) {
                    s0 += q[i] * m[o + i];
                    s1 += q[i + 1] * m[o + i + 1];
                }
                if (i < dim) {
                    s0 += q[i] * m[o + i];
                }
                out[j] = s0 + s1;
            }
        }

        @Override
        public void squaredDistances(float[] q, float[] m, int row0, int n, int dim, float[] out) {
            int quads = dim & ~3;
            for (int j = 0; j < n; j++) {
                int o = (row0 + j) * dim;
                float s0 = 0f, s1 = 0f, s2 = 0f, s3 = 0f;
                int i = 0;
                for (; i < quads; i += 4) {
                    float d0 = q[i] - m[o + i];
                    float d1 = q[i + 1] - m[o + i + 1];
                    float d2 = q[i + 2] - m[o + i + 2];
                    float d3 = q[i + 3] - m[o + i + 3];
                    s0 += d0 * d0;
                    s1 += d1 * d1;
                    s2 += d2 * d2;
                    s3 += d3 * d3;
                }
                for (; i < dim; i++) {
                    float d = q[i] - m[o + i];
                    s0 += d * d;
                }
                out[j] = (s0 + s1) + (s2 + s3);
            }
        }

        @Override
        public String name() {
            return "scalar-plain";
        }
    }

    /**
     * Returns the vector kernel when this JVM offers the Vector API and it is wanted, else null.
     * Nothing of {@code jdk.incubator.vector} is touched unless the module is in the boot layer.
     */
    static DotKernel vectorKernel() {
        if (!flag("facekit.gallery.vector", true)) {
            return null;
        }
        if (ModuleLayer.boot().findModule(VECTOR_MODULE).isEmpty()) {
            return null;
        }
        try {
            // Loaded by name, so that no class links against the module unless it is present.
            return (DotKernel)
                    Class.forName("dev.facekit.match.VectorKernel")
                            .getDeclaredConstructor()
                            .newInstance();
        } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
            LOG.debug("the Vector API is present but cannot be used: {}", e.toString());
            return null;
        }
    }

    private static DotKernel select() {
        DotKernel vector = vectorKernel();
        DotKernel k = vector != null ? vector : SCALAR;
        LOG.debug("gallery search uses the {} kernel", k.name());
        return k;
    }

    private static boolean detectFma() {
        return flag("facekit.gallery.fma", hotSpotUsesFma());
    }

    /**
     * Reads a boolean system property: {@code true} or {@code false} in any case; unset gives the
     * default; any other value is logged as a warning and gives the default too.
     */
    static boolean flag(String name, boolean byDefault) {
        String value = System.getProperty(name);
        if (value == null) {
            return byDefault;
        }
        if (value.trim().equalsIgnoreCase("true")) {
            return true;
        }
        if (value.trim().equalsIgnoreCase("false")) {
            return false;
        }
        LOG.warn("{} must be true or false, got '{}'; using {}", name, value, byDefault);
        return byDefault;
    }

    private static boolean hotSpotUsesFma() {
        try {
            return Boolean.parseBoolean(
                    ManagementFactory.getPlatformMXBean(
                                    com.sun.management.HotSpotDiagnosticMXBean.class)
                            .getVMOption("UseFMA")
                            .getValue());
        } catch (RuntimeException | LinkageError notHotSpot) {
            // Not HotSpot, or no such flag: the plain version is safe everywhere.
            return false;
        }
    }
}
