package dev.facekit.cli;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Quiets TensorFlow's native logging. TensorFlow's C++ code prints a dozen INFO lines to stderr
 * when it loads a model unless the environment variable {@code TF_CPP_MIN_LOG_LEVEL} is set before
 * the library loads, and a Java program cannot set its own environment. So when the variable is
 * absent, the tool runs itself once more in a child JVM with {@code TF_CPP_MIN_LOG_LEVEL=2}
 * (warnings and errors still show), passing on the same JVM options, class path, arguments and
 * terminal, and exits with the child's exit code.
 *
 * <p>Set the variable yourself (any value) or {@code -Dfacekit.relaunch=false} to run in one JVM.
 * The tool also stays in one JVM when an argument names an inherited file descriptor ({@code
 * /dev/fd/N}, as a shell's {@code <(...)} gives), because a child process cannot open it. The child
 * watches its parent and ends itself when the parent is gone, even after a {@code kill -9} that no
 * shutdown hook sees.
 */
final class Relaunch {

    static final String VARIABLE = "TF_CPP_MIN_LOG_LEVEL";

    /** The system property that tells a child the process id of the parent to watch. */
    static final String PARENT = "facekit.parent";

    private Relaunch() {}

    /** Runs the child and returns its exit code, or empty when this JVM should do the work. */
    static OptionalInt ifNeeded(String[] args) {
        if (System.getenv(VARIABLE) != null
                || "false".equals(System.getProperty("facekit.relaunch"))
                || namesFileDescriptor(args)) {
            return OptionalInt.empty();
        }
        Optional<String> java = ProcessHandle.current().info().command();
        if (java.isEmpty()) {
            return OptionalInt.empty();
        }
        List<String> command = new ArrayList<>();
        command.add(java.get());
        command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
        command.add("-Dfacekit.relaunch=false");
        command.add("-D" + PARENT + "=" + ProcessHandle.current().pid());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(Main.class.getName());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).inheritIO();
        builder.environment().put(VARIABLE, "2");
        try {
            Process child = builder.start();
            Runtime.getRuntime().addShutdownHook(new Thread(child::destroy));
            return OptionalInt.of(child.waitFor());
        } catch (IOException e) {
            return OptionalInt.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return OptionalInt.of(ExitCodes.FAILED);
        }
    }

    /** In a child: ends this JVM (exit code 1) as soon as the parent that started it is gone. */
    static void watchParent() {
        String pid = System.getProperty(PARENT);
        if (pid == null) {
            return;
        }
        Optional<ProcessHandle> parent = ProcessHandle.of(Long.parseLong(pid));
        if (parent.isEmpty()) {
            Runtime.getRuntime().halt(ExitCodes.FAILED);
        }
        parent.get().onExit().thenRun(() -> Runtime.getRuntime().halt(ExitCodes.FAILED));
    }

    static boolean namesFileDescriptor(String[] args) {
        for (String arg : args) {
            if (arg.contains("/dev/fd/") || arg.contains("/proc/self/fd/")) {
                return true;
            }
        }
        return false;
    }
}
