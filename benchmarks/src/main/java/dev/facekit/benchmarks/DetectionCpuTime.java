package dev.facekit.benchmarks;

import com.sun.management.OperatingSystemMXBean;
import dev.facekit.image.RgbImage;
import dev.facekit.mtcnn.MtcnnDetector;
import java.lang.management.ManagementFactory;

/**
 * Prints, per image size of {@link DetectionBenchmark}, the wall time and the CPU time of this
 * process (all threads, TensorFlow's included) per {@code detect} call. On a machine shared with
 * other work the wall time depends on the load, the CPU time much less: it says what one call
 * costs, and wall time on an idle machine lies between CPU time / cores and CPU time.
 *
 * <p>Usage: {@code DetectionCpuTime [calls per size]} (default 10, after 3 warm-up calls).
 */
public final class DetectionCpuTime {

    private DetectionCpuTime() {}

    /**
     * Runs the measurement.
     *
     * @param args optional number of measured calls per size
     */
    public static void main(String[] args) {
        int calls = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        OperatingSystemMXBean os =
                (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        System.out.printf(
                "%-10s %12s %12s   (%d calls, %d processors, load average %.1f)%n",
                "size",
                "wall ms",
                "cpu ms",
                calls,
                os.getAvailableProcessors(),
                os.getSystemLoadAverage());
        try (MtcnnDetector detector = MtcnnDetector.create()) {
            for (String size :
                    new String[] {"427x240", "853x480", "1280x720", "1920x1080", "4000x3000"}) {
                String[] wh = size.split("x");
                RgbImage image =
                        DetectionBenchmark.photo(Integer.parseInt(wh[0]), Integer.parseInt(wh[1]));
                for (int i = 0; i < 3; i++) {
                    detector.detect(image);
                }
                long cpu0 = os.getProcessCpuTime();
                long t0 = System.nanoTime();
                for (int i = 0; i < calls; i++) {
                    detector.detect(image);
                }
                double wall = (System.nanoTime() - t0) / 1e6 / calls;
                double cpu = (os.getProcessCpuTime() - cpu0) / 1e6 / calls;
                System.out.printf("%-10s %12.1f %12.1f%n", size, wall, cpu);
            }
        }
        System.out.printf("load average at the end: %.1f%n", os.getSystemLoadAverage());
    }
}
