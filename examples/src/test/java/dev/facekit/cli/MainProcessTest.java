package dev.facekit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link Main#main} in a real JVM: exit codes reach the shell, and the child JVM that quiets
 * TensorFlow's logging passes arguments, output and the exit code through.
 */
class MainProcessTest {

    @TempDir Path dir;

    private record Result(int exitCode, String out, String err) {}

    private Result run(boolean withLogLevel, String... args)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(Main.class.getName());
        command.addAll(List.of(args));
        ProcessBuilder builder =
                new ProcessBuilder(command)
                        .redirectOutput(dir.resolve("out.txt").toFile())
                        .redirectError(dir.resolve("err.txt").toFile());
        builder.environment().remove(Relaunch.VARIABLE);
        if (withLogLevel) {
            builder.environment().put(Relaunch.VARIABLE, "2");
        }
        Process p = builder.start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("finished").isTrue();
        return new Result(
                p.exitValue(),
                java.nio.file.Files.readString(dir.resolve("out.txt"), StandardCharsets.UTF_8),
                java.nio.file.Files.readString(dir.resolve("err.txt"), StandardCharsets.UTF_8));
    }

    @Test
    void withoutTheLogLevelVariableTheToolStillPrintsItsVersionAndExitsZero() throws Exception {
        Result r = run(false, "--version");

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).startsWith("facekit 0.1.0-SNAPSHOT");
    }

    @Test
    void wrongUsageExitsTwoWithAndWithoutTheLogLevelVariable() throws Exception {
        Result relaunched = run(false, "verify", "only-one.jpg");
        Result direct = run(true, "verify", "only-one.jpg");

        assertThat(relaunched.exitCode()).isEqualTo(2);
        assertThat(direct.exitCode()).isEqualTo(2);
        assertThat(relaunched.err().strip())
                .isEqualTo(
                        "facekit verify: Missing required parameter: 'B' (see 'facekit verify --help')");
        assertThat(relaunched.out()).isEmpty();
    }
}
