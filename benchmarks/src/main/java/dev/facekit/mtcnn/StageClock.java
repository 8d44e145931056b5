package dev.facekit.mtcnn;

import dev.facekit.detect.DetectedFace;
import dev.facekit.image.RgbImage;
import java.util.List;

/**
 * Sums the stage times of {@link MtcnnDetector} detections (benchmarks only): pyramid and P-Net,
 * R-Net, O-Net and post-processing, as the detector's package-private stage listener reports them.
 * Not thread-safe: one clock per thread.
 */
public final class StageClock implements MtcnnDetector.StageListener {

    private long calls;
    private long faces;
    private final long[] nanos = new long[4];

    /** Creates a clock at zero. */
    public StageClock() {}

    /**
     * Detects the faces of {@code image} and adds the call's stage times.
     *
     * @param detector the detector
     * @param image the image
     * @return the faces, as {@link MtcnnDetector#detect(RgbImage)} returns them
     */
    public List<DetectedFace> detect(MtcnnDetector detector, RgbImage image) {
        return detector.detect(image, this);
    }

    @Override
    public void stages(long pnetNanos, long rnetNanos, long onetNanos, long postNanos, int n) {
        nanos[0] += pnetNanos;
        nanos[1] += rnetNanos;
        nanos[2] += onetNanos;
        nanos[3] += postNanos;
        calls++;
        faces += n;
    }

    /** Sets every sum back to zero. */
    public void reset() {
        calls = 0;
        faces = 0;
        java.util.Arrays.fill(nanos, 0);
    }

    /**
     * Returns the detections counted since the last reset.
     *
     * @return the number of calls
     */
    public long calls() {
        return calls;
    }

    /**
     * Returns the mean faces per call.
     *
     * @return faces per call, or 0 without calls
     */
    public double meanFaces() {
        return calls == 0 ? 0 : (double) faces / calls;
    }

    /**
     * Returns the mean milliseconds per call of each stage: pyramid and P-Net, R-Net, O-Net, post.
     *
     * @return four means, or zeros without calls
     */
    public double[] meanMillis() {
        double[] ms = new double[4];
        for (int i = 0; i < 4 && calls > 0; i++) {
            ms[i] = nanos[i] / 1e6 / calls;
        }
        return ms;
    }
}
