package dev.facekit.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The child-JVM harness tells a native crash from a normal exit, so its passes mean something. */
class ChildJvmTest {

    @TempDir Path dir;

    @Test
    void aChildKilledByANativeCrashLeavesItsErrorLogAndASignalExitCode() throws Exception {
        ChildJvm.Outcome child = ChildJvm.run(dir, 120, List.of("-Xmx64m"), Segfault.class);

        assertThat(child.crashLogs()).hasSize(1);
        assertThat(child.exitCode()).isGreaterThan(128);
        assertThat(child.stdout()).startsWith("writing to address 0");
        assertThat(child.stdout()).anyMatch(line -> line.contains("SIGSEGV"));
    }

    @Test
    void aChildThatExitsNormallyPassesTheCheck() throws Exception {
        ChildJvm.Outcome child = ChildJvm.run(dir, 120, List.of("-Xmx64m"), Hello.class, "a", "b");

        child.assertNormalExit();
        assertThat(child.lines("args ")).containsExactly("a b");
    }

    /** Crashes the JVM the way a native use-after-free would: a write to an invalid address. */
    static final class Segfault {
        public static void main(String[] args) throws Exception {
            Field f = sun.misc.Unsafe.class.getDeclaredField("theUnsafe");
            f.setAccessible(true);
            sun.misc.Unsafe unsafe = (sun.misc.Unsafe) f.get(null);
            System.out.println("writing to address 0");
            System.out.flush();
            unsafe.putAddress(0L, 42L);
        }
    }

    /** Prints its arguments and exits normally. */
    static final class Hello {
        public static void main(String[] args) {
            System.out.println("args " + String.join(" ", args));
        }
    }
}
