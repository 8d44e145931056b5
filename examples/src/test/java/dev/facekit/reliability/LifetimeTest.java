package dev.facekit.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.facekit.detect.DetectedFace;
import dev.facekit.embed.Embedding;
import dev.facekit.geometry.BoundingBox;
import dev.facekit.geometry.Landmarks;
import dev.facekit.image.RgbImage;
import dev.facekit.match.FaceMatcher;
import dev.facekit.match.FaceSelection;
import dev.facekit.mtcnn.MtcnnDetector;
import dev.facekit.vggface.SavedModelEmbedder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Lifetime of the real models: after {@code close()} every computing call of the detector, the
 * embedder and the matcher throws {@link IllegalStateException}; closing while other threads are
 * inside calls ends those calls with {@link IllegalStateException} and never crashes the JVM.
 *
 * <p>The close-while-busy test runs {@link CloseWhileBusy} in a child JVM, 3 rounds in CI (one per
 * close order). For a long run: {@code mvn -B -ntp -q -pl examples -am verify -Dtest=LifetimeTest
 * -Dsurefire.failIfNoSpecifiedTests=false -DargLine=-Dfacekit.closeRounds=60}.
 */
class LifetimeTest {

    /** A face with plausible geometry, so that calls fail for being closed, not for bad input. */
    private static final DetectedFace FACE =
            new DetectedFace(
                    new BoundingBox(100, 60, 90, 110),
                    0.99f,
                    Landmarks.of(125, 100, 165, 100, 145, 125, 128, 145, 162, 145));

    @TempDir Path dir;

    @Test
    void everyCallAfterCloseThrowsIllegalStateAndClosingAgainDoesNothing() {
        RgbImage image = Photos.blobs(200, 160, 1);
        RgbImage chip = Photos.blobs(150, 150, 2);
        MtcnnDetector detector = MtcnnDetector.create();
        SavedModelEmbedder embedder = SavedModelEmbedder.compact();
        FaceMatcher matcher = FaceMatcher.of(detector, embedder);
        Embedding e = embedder.embedChip(chip);

        matcher.close();
        matcher.close();
        Path gallery = dir.resolve("g.fkg");
        List<ThrowingCallable> matcherCalls =
                List.of(
                        () -> matcher.verify(image, image),
                        () -> matcher.verify(image, image, FaceSelection.BEST_PAIR),
                        () -> matcher.compare(e, e),
                        () -> matcher.enroll("ada", image),
                        () -> matcher.identify(image, 1),
                        () -> matcher.identities(),
                        () -> matcher.remove("ada"),
                        () -> matcher.saveGallery(gallery),
                        () -> matcher.loadGallery(gallery));
        assertAllClosed(matcherCalls, "matcher");
        assertThat(matcher.isClosed()).isTrue();
        assertThat(Files.exists(gallery)).isFalse();

        // The matcher did not own the components: they still work until closed themselves.
        assertThat(detector.detect(image)).isNotNull();
        assertThat(embedder.embedChip(chip)).isEqualTo(e);

        detector.close();
        detector.close();
        assertAllClosed(
                List.of(
                        () -> detector.detect(image),
                        () -> detector.detect(RgbImage.filled(1, 1, 0)),
                        () -> detector.detectAll(List.of(image, image)),
                        () -> detector.detectAll(List.of())),
                "detector");

        embedder.close();
        embedder.close();
        assertAllClosed(
                List.of(
                        () -> embedder.embedChip(chip),
                        () -> embedder.embedChips(List.of(chip, chip)),
                        () -> embedder.embedChips(List.of()),
                        () -> embedder.embed(image, List.of(FACE)),
                        () -> embedder.embed(image, List.of())),
                "embedder");
    }

    @Test
    void aMatcherGivenItsComponentsClosesThemAndOneOverClosedComponentsRefusesWork() {
        RgbImage image = Photos.blobs(200, 160, 3);
        MtcnnDetector detector = MtcnnDetector.create();
        SavedModelEmbedder embedder = SavedModelEmbedder.compact();
        FaceMatcher owner = FaceMatcher.builder(detector, embedder).closeComponents(true).build();
        FaceMatcher other = FaceMatcher.of(detector, embedder);

        owner.close();
        assertThatThrownBy(() -> detector.detect(image)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> embedder.embedChip(Photos.blobs(150, 150, 4)))
                .isInstanceOf(IllegalStateException.class);

        // A second matcher over the same, now closed, components is open but cannot compute.
        assertThat(other.isClosed()).isFalse();
        assertThatThrownBy(() -> other.verify(image, image))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
        assertThatThrownBy(() -> other.identify(image, 1))
                .isInstanceOf(IllegalStateException.class);
        other.close();
    }

    @Test
    void closingWhileSixThreadsComputeEndsThemWithIllegalStateAndNeverCrashes() throws Exception {
        int rounds = Integer.getInteger("facekit.closeRounds", 3);
        List<String> args = new ArrayList<>(List.of(Integer.toString(rounds)));
        args.add(Photos.portraitFile(dir).toString());

        ChildJvm.Outcome child =
                ChildJvm.run(
                        dir,
                        600,
                        List.of("-Xmx512m"),
                        CloseWhileBusy.class,
                        args.toArray(String[]::new));

        child.assertNormalExit();
        List<String> reports = child.lines("round ");
        assertThat(reports).hasSize(rounds);
        int inside = 0;
        for (String r : reports) {
            assertThat(r).contains("stoppedByIse=6", "problems=[]");
            inside += Integer.parseInt(r.replaceAll(".*insideAtClose=(\\d+).*", "$1"));
        }
        // The closes did hit calls in flight (a worker is almost always inside a call).
        assertThat(inside).isGreaterThan(0);
    }

    private static void assertAllClosed(List<ThrowingCallable> calls, String what) {
        for (int i = 0; i < calls.size(); i++) {
            assertThatThrownBy(calls.get(i))
                    .as("%s call %d after close", what, i)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("closed");
        }
    }
}
