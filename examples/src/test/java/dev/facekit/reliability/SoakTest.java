package dev.facekit.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs detections and embeddings with the real models in a child JVM ({@link Soak}) and checks that
 * its resident memory stays flat after the warm-up.
 *
 * <p>The child's heap is fixed and touched up front ({@code -Xms256m -Xmx256m
 * -XX:+AlwaysPreTouch}), so RSS changes come from native memory (TensorFlow, JavaCPP, malloc), code
 * and stacks. The bound on growth from the end of the warm-up to the end of the run is {@value
 * #BOUND_KB} kB. Why this much: on the development machine RSS after warm-up sat at about 685 MB
 * and moved by at most 15 MB between samples (malloc arenas of TensorFlow's threads grow and
 * shrink), so the bound is three times that excursion. Why not more: leaking one embedding input
 * tensor per iteration (150 x 150 x 3 floats, 270 kB) would add 54 MB over the 200 measured
 * iterations of the CI run, leaking one P-Net input of the largest pyramid level of the 512 px
 * portrait (1.1 MB) 220 MB; both exceed it. Smaller leaks need the long run.
 *
 * <p>CI runs 300 iterations (100 of warm-up). The documented long run, 10,000 iterations: {@code
 * mvn -B -ntp -q -pl examples -am verify -Dtest=SoakTest -Dsurefire.failIfNoSpecifiedTests=false
 * -DargLine="-Dfacekit.soak.iterations=10000 -Dfacekit.soak.warmUp=500"}. Every run writes a
 * summary and the RSS samples to {@code examples/target/reliability/soak-rss.txt}.
 */
class SoakTest {

    /** Allowed RSS growth after the warm-up, in kB; see the class documentation. */
    static final long BOUND_KB = 48 * 1024;

    /** Where the run's RSS samples are written, relative to the module folder. */
    static final Path REPORT = Path.of("target", "reliability", "soak-rss.txt");

    @TempDir Path dir;

    @Test
    void residentMemoryStaysFlatAfterWarmUp() throws Exception {
        int iterations = Integer.getInteger("facekit.soak.iterations", 300);
        int warmUp = Integer.getInteger("facekit.soak.warmUp", 100);
        List<String> args =
                new ArrayList<>(List.of(Integer.toString(iterations), Integer.toString(warmUp)));
        args.add(Photos.portraitFile(dir).toString());

        ChildJvm.Outcome child =
                ChildJvm.run(
                        dir,
                        Math.max(600, iterations),
                        List.of("-Xms256m", "-Xmx256m", "-XX:+AlwaysPreTouch"),
                        Soak.class,
                        args.toArray(String[]::new));

        child.assertNormalExit();
        List<long[]> samples =
                child.lines("rss ").stream()
                        .map(l -> l.split(" "))
                        .map(p -> new long[] {Long.parseLong(p[0]), Long.parseLong(p[1])})
                        .toList();
        assertThat(samples).hasSizeGreaterThanOrEqualTo(2);
        assertThat(samples.get(0)[0]).isEqualTo(warmUp);
        assertThat(samples.get(samples.size() - 1)[0]).isEqualTo(iterations);
        long afterWarmUp = samples.get(0)[1];
        long atEnd = samples.get(samples.size() - 1)[1];
        long peak = samples.stream().mapToLong(s -> s[1]).max().orElseThrow();
        String summary =
                String.format(
                        "%d iterations, faces per photo %s, RSS after %d warm-up iterations %d kB,"
                                + " at the end %d kB (growth %d kB, bound %d kB), peak %d kB%n",
                        iterations,
                        child.lines("faces "),
                        warmUp,
                        afterWarmUp,
                        atEnd,
                        atEnd - afterWarmUp,
                        BOUND_KB,
                        peak);
        Files.createDirectories(REPORT.getParent());
        Files.writeString(REPORT, summary + String.join("\n", child.stdout()) + "\n");
        assertThat(child.lines("done ")).hasSize(1);
        assertThat(atEnd - afterWarmUp).as("RSS growth in kB after warm-up").isLessThan(BOUND_KB);
    }
}
