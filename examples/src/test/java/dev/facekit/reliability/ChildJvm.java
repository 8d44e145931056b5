package dev.facekit.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Runs a test program in a child JVM with this JVM's class path, so that a native crash (or a hang)
 * fails the test that started it instead of killing the test runner. The child works in its own
 * folder, where the JVM writes its fatal error log ({@code hs_err_pid*.log}) if it crashes.
 */
final class ChildJvm {

    /**
     * What a child left behind.
     *
     * @param exitCode the exit code; 0 for a normal exit, 128 + signal after a native crash
     * @param stdout the lines it printed
     * @param stderr what it wrote to standard error
     * @param crashLogs the fatal error logs in its folder
     */
    record Outcome(int exitCode, List<String> stdout, String stderr, List<Path> crashLogs) {

        /** Fails unless the child exited with 0 and wrote no fatal error log. */
        void assertNormalExit() {
            assertThat(crashLogs).as("fatal error logs; stderr:%n%s", stderr).isEmpty();
            assertThat(exitCode)
                    .as("exit code; stdout:%n%s%nstderr:%n%s", String.join("\n", stdout), stderr)
                    .isZero();
        }

        /** Returns the printed lines that start with {@code prefix}, without it. */
        List<String> lines(String prefix) {
            return stdout.stream()
                    .filter(l -> l.startsWith(prefix))
                    .map(l -> l.substring(prefix.length()))
                    .toList();
        }
    }

    private ChildJvm() {}

    /**
     * Runs {@code main} with {@code args} in a new JVM and waits for it.
     *
     * @param dir the child's working folder, which receives its output files
     * @param timeoutSeconds after this long the child is killed and the test fails
     * @param jvmOptions options such as {@code -Xmx256m}
     * @param main the class whose {@code main} to run
     * @param args its arguments
     * @return what the child left behind
     */
    static Outcome run(
            Path dir, long timeoutSeconds, List<String> jvmOptions, Class<?> main, String... args)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-XX:ErrorFile=" + dir.resolve("hs_err_pid%p.log"));
        command.add("-Dorg.slf4j.simpleLogger.defaultLogLevel=warn");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(main.getName());
        command.addAll(List.of(args));
        Path out = dir.resolve("stdout.txt");
        Path err = dir.resolve("stderr.txt");
        ProcessBuilder builder =
                new ProcessBuilder(command)
                        .directory(dir.toFile())
                        .redirectOutput(out.toFile())
                        .redirectError(err.toFile());
        builder.environment().put("TF_CPP_MIN_LOG_LEVEL", "2");
        Process child = builder.start();
        boolean exited = child.waitFor(timeoutSeconds, TimeUnit.SECONDS);
        if (!exited) {
            child.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
        String stderr = Files.readString(err, StandardCharsets.UTF_8);
        assertThat(exited)
                .as("child exited within %d s; stderr:%n%s", timeoutSeconds, stderr)
                .isTrue();
        List<Path> crashLogs;
        try (Stream<Path> files = Files.list(dir)) {
            crashLogs = files.filter(p -> p.getFileName().toString().startsWith("hs_err")).toList();
        }
        return new Outcome(
                child.exitValue(),
                Files.readAllLines(out, StandardCharsets.UTF_8),
                stderr,
                crashLogs);
    }
}
