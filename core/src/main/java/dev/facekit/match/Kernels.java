package dev.facekit.match;

import java.lang.management.ManagementFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The inner loop of exact search, kept apart so that the JIT compiles it on its own.
 *
 * <p>Two versions of the dot product: with {@link Math#fma} (one fused instruction per component,
 * about twice the throughput of a multiply and an add where the CPU has FMA) and with a plain
 * multiply and add. {@code Math.fma} is only fast where the JVM compiles it to the instruction
 * (HotSpot's {@code UseFMA} flag, on by default on x86 CPUs with FMA3 and on AArch64); elsewhere it
 * falls back to exact arithmetic in software, which is far slower. So the fused version is used
 * when HotSpot reports {@code UseFMA=true}, or when the system property {@code facekit.gallery.fma}
 * is {@code true}; {@code false} forces the plain version.
 */
final class Kernels {

    private static final Logger LOG = LoggerFactory.getLogger(Kernels.class);

    /** Whether {@link #dot} uses fused multiply-adds. */
    static final boolean FMA = detectFma();

    private Kernels() {}

    /**
     * Returns the dot product of {@code q[0..dim)} with {@code m[off..off + dim)}, in single
     * precision. Eight independent sums hide the latency of the additions.
     */
    static float dot(float[] q, float[] m, int off, int dim) {
        return FMA ? dotFma(q, m, off, dim) : dotPlain(q, m, off, dim);
    }

    static float dotFma(float[] q, float[] m, int off, int dim) {
        float s0 = 0f, s1 = 0f, s2 = 0f, s3 = 0f, s4 = 0f, s5 = 0f, s6 = 0f, s7 = 0f;
        int i = 0;
        int end = dim & ~7;
        for (; i < end; i += 8) {
            int j = off + i;
            s0 = Math.fma(q[i], m[j], s0);
            s1 = Math.fma(q[i + 1], m[j + 1], s1);
            s2 = Math.fma(q[i + 2], m[j + 2], s2);
            s3 = Math.fma(q[i + 3], m[j + 3], s3);
            s4 = Math.fma(q[i + 4], m[j + 4], s4);
            s5 = Math.fma(q[i + 5], m[j + 5], s5);
            s6 = Math.fma(q[i + 6], m[j + 6], s6);
            s7 = Math.fma(q[i + 7], m[j + 7], s7);
        }
        for (; i < dim; i++) {
            s0 = Math.fma(q[i], m[off + i], s0);
        }
        return ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7));
    }

    static float dotPlain(float[] q, float[] m, int off, int dim) {
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

    private static boolean detectFma() {
        String forced = System.getProperty("facekit.gallery.fma");
        boolean fma;
        if (forced != null) {
            fma = Boolean.parseBoolean(forced);
        } else {
            fma = hotSpotUsesFma();
        }
        LOG.debug("gallery search uses {} dot products", fma ? "fused multiply-add" : "plain");
        return fma;
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
