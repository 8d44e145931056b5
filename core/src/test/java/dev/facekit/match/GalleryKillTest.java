package dev.facekit.match;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Kills a process that saves galleries in a loop ({@code kill -9}, through {@link
 * Process#destroyForcibly()}) at random moments, and checks after every kill that the file loads as
 * exactly the last gallery the child reported saved or the one it was saving.
 *
 * <p>CI runs 25 kills. For a long run set the system property {@code facekit.galleryKills}, for
 * example {@code mvn -B -ntp -q -pl core test -Dtest=GalleryKillTest -Dfacekit.galleryKills=500
 * -Dorg.slf4j.simpleLogger.defaultLogLevel=info}; the second property prints a summary.
 */
class GalleryKillTest {

    @TempDir Path dir;

    @Test
    void aKilledSaveLeavesTheOldOrTheNewGalleryNeverATornOne() throws Exception {
        int kills = Integer.getInteger("facekit.galleryKills", 25);
        Path file = dir.resolve("people.fkg");
        GallerySaveLoop.generation(0).save(file);
        Random rnd = new Random(20261203);
        long acknowledged = 0;
        int newerThanAcknowledged = 0;

        for (int round = 0; round < kills; round++) {
            Path log = dir.resolve("child-" + round + ".log");
            Process child = start(file, log);
            long t0 = System.nanoTime();
            awaitReady(child, log);
            LoggerFactory.getLogger(GalleryKillTest.class)
                    .debug("ready after {} ms", (System.nanoTime() - t0) / 1_000_000);
            Thread.sleep(rnd.nextInt(600));
            child.destroyForcibly();
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
            acknowledged = Math.max(acknowledged, lastSaved(log));
            Files.delete(log);

            Gallery onDisk = Gallery.load(file);
            long generation = GallerySaveLoop.generationOf(onDisk);
            assertThat(generation).as("round %d", round).isBetween(acknowledged, acknowledged + 1);
            assertSameContent(onDisk, GallerySaveLoop.generation(generation));
            if (generation > acknowledged) {
                newerThanAcknowledged++;
            }
            acknowledged = generation;
        }

        // The children did save (the test is not vacuous), and their temporary files are the
        // only other files a kill leaves behind.
        assertThat(acknowledged).isGreaterThan(0);
        long leftovers;
        try (Stream<Path> files = Files.list(dir)) {
            leftovers =
                    files.filter(p -> !p.equals(file))
                            .peek(
                                    p ->
                                            assertThat(p.getFileName().toString())
                                                    .startsWith(".people.fkg.")
                                                    .endsWith(".tmp"))
                            .count();
        }
        // Shown with -Dorg.slf4j.simpleLogger.defaultLogLevel=info on the mvn command line.
        LoggerFactory.getLogger(GalleryKillTest.class)
                .info(
                        "{} kills, {} generations saved, {} kills between rename and"
                                + " acknowledgement, {} temporary files left by kills",
                        kills,
                        acknowledged,
                        newerThanAcknowledged,
                        leftovers);
    }

    private static Process start(Path file, Path log) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(
                        java,
                        "-Xmx256m",
                        "-cp",
                        System.getProperty("java.class.path"),
                        GallerySaveLoop.class.getName(),
                        file.toString())
                .redirectOutput(log.toFile())
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
    }

    private static void awaitReady(Process child, Path log) throws Exception {
        for (int waited = 0; waited < 60_000 && child.isAlive(); waited += 5) {
            if (Files.readString(log, StandardCharsets.UTF_8).startsWith("ready")) {
                return;
            }
            Thread.sleep(5);
        }
        throw new AssertionError("child did not start: alive=" + child.isAlive());
    }

    /**
     * Returns the last generation the dead child reported as saved, 0 if none. Its output went to a
     * file, so no line is lost when it is killed.
     */
    private static long lastSaved(Path log) throws IOException {
        long last = 0;
        for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
            if (line.startsWith("saved ")) {
                last = Long.parseLong(line.substring(6));
            }
        }
        return last;
    }

    private static void assertSameContent(Gallery actual, Gallery expected) {
        Gallery.Snapshot a = actual.snapshot();
        Gallery.Snapshot e = expected.snapshot();
        int dim = expected.dimension();
        assertThat(actual.model()).isEqualTo(expected.model());
        assertThat(actual.dimension()).isEqualTo(dim);
        assertThat(actual.identities()).isEqualTo(expected.identities());
        assertThat(Arrays.copyOf(a.owner, a.rows)).isEqualTo(Arrays.copyOf(e.owner, e.rows));
        assertThat(Arrays.copyOf(a.data, a.rows * dim))
                .isEqualTo(Arrays.copyOf(e.data, e.rows * dim));
    }
}
