package dev.facekit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MessagesTest {

    @Test
    void fileSystemErrorsSayWhatIsWrongNotJustThePath(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("afile"), "x");

        assertThat(Main.message(new FileAlreadyExistsException(file.toString())))
                .isEqualTo(file + ": is a file, a folder is needed");
        assertThat(Main.message(new FileAlreadyExistsException(dir.resolve("d").toString())))
                .isEqualTo(dir.resolve("d") + ": already exists");
        assertThat(Main.message(new NoSuchFileException("/nope")))
                .isEqualTo("/nope: no such file or folder");
        assertThat(Main.message(new UncheckedIOException(new AccessDeniedException("/root/x"))))
                .isEqualTo("/root/x: permission denied");
    }

    @Test
    void wrappedErrorsWithTheirOwnWordsKeepThem() {
        UncheckedIOException e =
                new UncheckedIOException(
                        "cannot create out: not allowed", new AccessDeniedException("out"));
        assertThat(Main.message(e)).isEqualTo("cannot create out: not allowed");
    }

    @Test
    void inheritedFileDescriptorsKeepTheToolInOneJvm() {
        assertThat(Relaunch.namesFileDescriptor(new String[] {"detect", "/dev/fd/63"})).isTrue();
        assertThat(Relaunch.namesFileDescriptor(new String[] {"verify", "a.jpg", "b.jpg"}))
                .isFalse();
    }

    @Test
    void extractRefusesCropSidesOutsideTheRange(@TempDir Path dir) {
        Cli.Run tooLarge = Cli.run("extract", "--size", "100000", "--out", dir.toString(), "x.jpg");
        Cli.Run zero = Cli.run("extract", "--size", "0", "--out", dir.toString(), "x.jpg");

        assertThat(tooLarge.exitCode()).isEqualTo(2);
        assertThat(tooLarge.errLines().get(0))
                .contains("option '--size' must be from 1 to 4096, found 100000");
        assertThat(zero.exitCode()).isEqualTo(2);
        assertThat(zero.errLines().get(0)).contains("found 0");
    }

    @Test
    void enrollGivenAFileSaysItIsNotAFolder(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("people.txt"), "x");
        Cli.Run run = Cli.run("enroll", "--gallery", dir.resolve("g").toString(), file.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.errLines().get(0)).contains("FOLDER: is a file, not a folder: " + file);
    }
}
