package dev.facekit.match;

import static dev.facekit.match.ColourFaces.image;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.facekit.detect.DetectedFace;
import dev.facekit.embed.Embedding;
import dev.facekit.embed.Metric;
import dev.facekit.embed.Threshold;
import dev.facekit.geometry.BoundingBox;
import dev.facekit.image.RgbImage;
import dev.facekit.match.ColourFaces.Block;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FaceMatcherTest {

    static final int RED = 0xC03020;
    static final int BLUE = 0x2040D0;
    static final int GREEN = 0x30B040;

    final ColourFaces.Detector detector = new ColourFaces.Detector();
    final ColourFaces.Embedder embedder = new ColourFaces.Embedder();
    final FaceMatcher matcher = FaceMatcher.of(detector, embedder);

    @TempDir Path dir;

    @AfterEach
    void close() {
        matcher.close();
    }

    static RgbImage one(int rgb) {
        return image(100, 80, new Block(30, 20, 40, 40, rgb));
    }

    static double euclidean(int a, int b) {
        return ColourFaces.embeddingOf(a).euclideanDistance(ColourFaces.embeddingOf(b));
    }

    @Test
    void testColoursAreFarApartUnderTheFakeThreshold() {
        // The fixtures below rely on distinct colours being non-matches.
        assertThat(euclidean(RED, BLUE)).isGreaterThan(1.0);
        assertThat(euclidean(RED, GREEN)).isGreaterThan(1.0);
        assertThat(euclidean(BLUE, GREEN)).isGreaterThan(1.0);
    }

    @Test
    void sameFaceAtAnotherPlaceAndSizeIsAMatchAtDistanceZero() {
        RgbImage a = image(100, 80, new Block(30, 20, 40, 40, RED));
        RgbImage b = image(200, 120, new Block(70, 10, 64, 90, RED));

        Verification v = matcher.verify(a, b);

        assertThat(v.status()).isEqualTo(Verification.Status.COMPARED);
        assertThat(v.match()).isTrue();
        assertThat(v.metric()).isEqualTo(Metric.EUCLIDEAN);
        assertThat(v.threshold()).isEqualTo(ColourFaces.THRESHOLD);
        assertThat(v.distance()).hasValue(0.0);
        assertThat(v.similarity().getAsDouble()).isCloseTo(1.0, within(1e-12));
        assertThat(v.faceA().map(DetectedFace::box)).contains(new BoundingBox(30, 20, 40, 40));
        assertThat(v.faceB().map(DetectedFace::box)).contains(new BoundingBox(70, 10, 64, 90));
        assertThat(v.reason()).isEqualTo("EUCLIDEAN distance 0.0000 <= threshold 0.2500");
    }

    @Test
    void differentFacesAreNoMatchWithTheEmbeddingsDistanceAndCosineSimilarity() {
        Verification v = matcher.verify(one(RED), one(BLUE));

        Embedding red = ColourFaces.embeddingOf(RED);
        Embedding blue = ColourFaces.embeddingOf(BLUE);
        assertThat(v.status()).isEqualTo(Verification.Status.COMPARED);
        assertThat(v.match()).isFalse();
        assertThat(v.distance()).hasValue(red.euclideanDistance(blue));
        assertThat(v.similarity()).hasValue(red.cosineSimilarity(blue));
    }

    @Test
    void cosineThresholdGivesCosineDistanceAndNeverMixesItWithSimilarity() {
        Threshold cosine = new Threshold(Metric.COSINE, 0.1, "test");
        try (FaceMatcher m = FaceMatcher.builder(detector, embedder).threshold(cosine).build()) {
            Verification v = m.verify(one(RED), one(GREEN));
            Embedding red = ColourFaces.embeddingOf(RED);
            Embedding green = ColourFaces.embeddingOf(GREEN);

            assertThat(v.metric()).isEqualTo(Metric.COSINE);
            assertThat(v.distance()).hasValue(red.cosineDistance(green));
            assertThat(v.similarity()).hasValue(red.cosineSimilarity(green));
            assertThat(v.distance().getAsDouble() + v.similarity().getAsDouble())
                    .isCloseTo(1.0, within(1e-15));
            assertThat(m.compare(red, green)).isEqualTo(v.comparison().orElseThrow());
        }
    }

    @Test
    void anImageWithoutFaceIsAStatusNotAnException() {
        RgbImage blank = RgbImage.filled(50, 50, 0);

        Verification first = matcher.verify(blank, one(RED));
        Verification second = matcher.verify(one(RED), blank);
        Verification both = matcher.verify(blank, blank);

        assertThat(first.status()).isEqualTo(Verification.Status.NO_FACE_IN_A);
        assertThat(first.match()).isFalse();
        assertThat(first.distance()).isEmpty();
        assertThat(first.similarity()).isEmpty();
        assertThat(first.comparison()).isEmpty();
        assertThat(first.faceA()).isEmpty();
        assertThat(first.faceB().map(DetectedFace::box)).contains(new BoundingBox(30, 20, 40, 40));
        assertThat(first.reason()).isEqualTo("no face found in the first image");
        assertThat(second.status()).isEqualTo(Verification.Status.NO_FACE_IN_B);
        assertThat(second.reason()).isEqualTo("no face found in the second image");
        assertThat(both.status()).isEqualTo(Verification.Status.NO_FACE_IN_EITHER);
        assertThat(both.reason()).isEqualTo("no face found in either image");
    }

    @Test
    void primaryFaceIsTheLargeCentralOneNotTheLargestAtTheEdge() {
        // 200x200: a 60x60 red face in the corner scores 3600 - 2 * (70^2 + 70^2) = -16000; a
        // 30x30 blue face at the centre scores 900.
        RgbImage crowd =
                image(200, 200, new Block(0, 0, 60, 60, RED), new Block(85, 85, 30, 30, BLUE));

        Verification v = matcher.verify(crowd, one(BLUE));

        assertThat(v.match()).isTrue();
        assertThat(v.faceA().map(DetectedFace::box)).contains(new BoundingBox(85, 85, 30, 30));
        assertThat(FaceSelection.primaryScore(new BoundingBox(0, 0, 60, 60), 200, 200))
                .isEqualTo(-16000.0);
        assertThat(FaceSelection.primaryScore(new BoundingBox(85, 85, 30, 30), 200, 200))
                .isEqualTo(900.0);
    }

    @Test
    void primaryFaceTiesGoToHigherConfidenceThenToTheFirstFace() {
        DetectedFace left = ColourFaces.faceOf(new BoundingBox(10, 40, 20, 20));
        DetectedFace right = ColourFaces.faceOf(new BoundingBox(70, 40, 20, 20));
        DetectedFace rightSure = new DetectedFace(right.box(), 0.999f, right.landmarks());

        assertThat(FaceSelection.primary(List.of(left, right), 100, 100)).containsSame(left);
        assertThat(FaceSelection.primary(List.of(right, left), 100, 100)).containsSame(right);
        assertThat(FaceSelection.primary(List.of(left, rightSure), 100, 100))
                .containsSame(rightSure);
        assertThat(FaceSelection.primary(List.of(), 100, 100)).isEmpty();
    }

    @Test
    void bestPairComparesEveryFaceAndKeepsTheClosestPair() {
        // The central red face is primary in the first image, so PRIMARY compares red with blue.
        RgbImage two =
                image(200, 200, new Block(80, 80, 40, 40, RED), new Block(0, 150, 30, 30, BLUE));

        Verification primary = matcher.verify(two, one(BLUE));
        Verification best = matcher.verify(two, one(BLUE), FaceSelection.BEST_PAIR);

        assertThat(primary.match()).isFalse();
        assertThat(primary.faceA().map(DetectedFace::box))
                .contains(new BoundingBox(80, 80, 40, 40));
        assertThat(best.match()).isTrue();
        assertThat(best.distance()).hasValue(0.0);
        assertThat(best.faceA().map(DetectedFace::box)).contains(new BoundingBox(0, 150, 30, 30));
    }

    @Test
    void enrolledFacesAreIdentifiedAndOthersAreUnknown() {
        matcher.enroll("alice", one(RED));
        matcher.enroll("bob", one(BLUE));
        RgbImage group =
                image(
                        300,
                        100,
                        new Block(10, 10, 50, 50, GREEN),
                        new Block(120, 20, 40, 40, RED),
                        new Block(220, 30, 30, 30, BLUE));

        List<FaceIdentification> who = matcher.identify(group, 2);

        assertThat(who).hasSize(3);
        assertThat(who.get(0).face().box()).isEqualTo(new BoundingBox(10, 10, 50, 50));
        assertThat(who.get(0).identity()).isEmpty();
        assertThat(who.get(0).unknown()).isTrue();
        assertThat(who.get(0).candidates()).extracting(Candidate::identity).hasSize(2);
        assertThat(who.get(1).identity()).contains("alice");
        assertThat(who.get(1).candidates())
                .extracting(Candidate::identity)
                .containsExactly("alice", "bob");
        assertThat(who.get(1).candidates().get(0).distance()).isEqualTo(0.0);
        assertThat(who.get(1).candidates().get(1).distance()).isEqualTo(euclidean(RED, BLUE));
        assertThat(who.get(2).identity()).contains("bob");
        assertThat(who.get(2).candidates())
                .extracting(Candidate::identity)
                .first()
                .isEqualTo("bob");
    }

    @Test
    void anEmptyGalleryAnswersUnknownWithoutCandidates() {
        List<FaceIdentification> who = matcher.identify(one(RED), 5);

        assertThat(who).hasSize(1);
        assertThat(who.get(0).candidates()).isEmpty();
        assertThat(who.get(0).identity()).isEmpty();
        assertThat(who.get(0).best()).isEmpty();
    }

    @Test
    void anImageWithoutFaceIdentifiesNobody() {
        matcher.enroll("alice", one(RED));

        assertThat(matcher.identify(RgbImage.filled(40, 40, 0), 1)).isEmpty();
    }

    @Test
    void enrollingAnExistingIdentityAddsEmbeddingsToIt() {
        List<DetectedFace> first = matcher.enroll("alice", one(RED));
        List<DetectedFace> more = matcher.enroll("alice", one(GREEN), one(RED));

        assertThat(first).hasSize(1);
        assertThat(more).hasSize(2);
        assertThat(matcher.identities()).containsExactly("alice");
        assertThat(matcher.gallery().embeddings("alice"))
                .containsExactly(
                        ColourFaces.embeddingOf(RED),
                        ColourFaces.embeddingOf(GREEN),
                        ColourFaces.embeddingOf(RED));
        // Either of alice's embeddings can match: her score is the best one.
        assertThat(matcher.identify(one(GREEN), 1).get(0).identity()).contains("alice");
    }

    @Test
    void enrollRefusesBadInputAndEnrollsNothing() {
        RgbImage blank = RgbImage.filled(40, 40, 0);

        assertThatThrownBy(() -> matcher.enroll("alice", one(RED), blank))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(
                        "image 1 of 2 for identity 'alice' holds no face; nothing was enrolled");
        assertThatThrownBy(() -> matcher.enroll("alice", one(RED), one(ColourFaces.POISON)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("embedding of fake-colour-v1 has non-finite component 0: NaN");
        assertThatThrownBy(() -> matcher.enroll(null, one(RED)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("identity must not be null");
        assertThatThrownBy(() -> matcher.enroll("  ", one(RED)))
                .hasMessage("identity must not be blank");
        assertThatThrownBy(() -> matcher.enroll("alice"))
                .hasMessage("no image given for identity 'alice'");
        assertThatThrownBy(() -> matcher.enroll("alice", one(RED), null))
                .hasMessage("image 1 of 'alice' must not be null");
        assertThat(matcher.identities()).isEmpty();
        assertThat(matcher.gallery().embeddingCount()).isZero();
    }

    @Test
    void identifyAndVerifyRefuseBadArguments() {
        assertThatThrownBy(() -> matcher.identify(one(RED), 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("k must be > 0, got 0");
        assertThatThrownBy(() -> matcher.identify(one(RED), -3))
                .hasMessage("k must be > 0, got -3");
        assertThatThrownBy(() -> matcher.identify(null, 1)).hasMessage("image must not be null");
        assertThatThrownBy(() -> matcher.verify(null, one(RED)))
                .hasMessage("first image must not be null");
        assertThatThrownBy(() -> matcher.verify(one(RED), null))
                .hasMessage("second image must not be null");
        assertThatThrownBy(() -> matcher.verify(one(RED), one(RED), null))
                .hasMessage("selection must not be null");
    }

    @Test
    void removeForgetsAnIdentity() {
        matcher.enroll("alice", one(RED));
        matcher.enroll("bob", one(BLUE));

        assertThat(matcher.remove("alice")).isTrue();
        assertThat(matcher.remove("alice")).isFalse();
        assertThat(matcher.identities()).containsExactly("bob");
        assertThat(matcher.identify(one(RED), 1).get(0).identity()).isEmpty();
        assertThat(matcher.identify(one(BLUE), 1).get(0).identity()).contains("bob");
    }

    @Test
    void aClosedMatcherRefusesEveryCallAndLeavesBorrowedComponentsOpen() {
        matcher.enroll("alice", one(RED));
        Path file = dir.resolve("g.fkg");
        matcher.saveGallery(file);
        matcher.close();
        matcher.close();

        String closed = "FaceMatcher is closed";
        Embedding red = ColourFaces.embeddingOf(RED);
        assertThat(matcher.isClosed()).isTrue();
        assertThatThrownBy(() -> matcher.verify(one(RED), one(RED)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage(closed);
        assertThatThrownBy(() -> matcher.identify(one(RED), 1)).hasMessage(closed);
        assertThatThrownBy(() -> matcher.enroll("bob", one(BLUE))).hasMessage(closed);
        assertThatThrownBy(() -> matcher.remove("alice")).hasMessage(closed);
        assertThatThrownBy(matcher::identities).hasMessage(closed);
        assertThatThrownBy(() -> matcher.compare(red, red)).hasMessage(closed);
        assertThatThrownBy(() -> matcher.saveGallery(file)).hasMessage(closed);
        assertThatThrownBy(() -> matcher.loadGallery(file)).hasMessage(closed);
        assertThat(detector.closed).isFalse();
        assertThat(embedder.closed).isFalse();
        assertThat(matcher.gallery().identities()).containsExactly("alice");
    }

    @Test
    void aMatcherClosesHandedOverComponents() {
        ColourFaces.Detector d = new ColourFaces.Detector();
        ColourFaces.Embedder e = new ColourFaces.Embedder();

        FaceMatcher.builder(d, e).closeComponents(true).build().close();

        assertThat(d.closed).isTrue();
        assertThat(e.closed).isTrue();
    }

    @Test
    void savedGalleryLoadsIntoAnotherMatcherOfTheSameModel() {
        matcher.enroll("alice", one(RED), one(GREEN));
        matcher.enroll("bob", one(BLUE));
        Path file = dir.resolve("people.fkg");
        matcher.saveGallery(file);

        try (FaceMatcher other = FaceMatcher.of(detector, embedder)) {
            other.enroll("carol", one(GREEN));
            other.loadGallery(file);

            assertThat(other.identities()).containsExactly("alice", "bob");
            assertThat(other.gallery().embeddings("alice"))
                    .isEqualTo(matcher.gallery().embeddings("alice"));
            assertThat(other.identify(one(BLUE), 1).get(0).identity()).contains("bob");
        }
    }

    @Test
    void aGalleryOfAnotherModelIsRefusedAndTheCurrentOneKept() {
        Gallery foreign = Gallery.create("other-model", ColourFaces.DIMENSION);
        foreign.add("zed", new Embedding("other-model", ColourFaces.vectorOf(RED)));
        Path file = dir.resolve("foreign.fkg");
        foreign.save(file);
        Gallery wide = Gallery.create(ColourFaces.MODEL, 13);
        matcher.enroll("alice", one(RED));

        assertThatThrownBy(() -> matcher.loadGallery(file))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(
                        "gallery file "
                                + file
                                + " holds model 'other-model' (12-d) but this matcher embeds"
                                + " with model 'fake-colour-v1' (12-d)");
        assertThatThrownBy(() -> FaceMatcher.builder(detector, embedder).gallery(wide))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(
                        "gallery of model 'fake-colour-v1' (13-d) does not fit the embedder's"
                                + " model 'fake-colour-v1' (12-d)");
        assertThat(matcher.identities()).containsExactly("alice");
    }

    @Test
    void aSharedGalleryOutlivesTheMatcher() {
        Gallery shared = Gallery.create(ColourFaces.MODEL, ColourFaces.DIMENSION);
        try (FaceMatcher m = FaceMatcher.builder(detector, embedder).gallery(shared).build()) {
            m.enroll("alice", one(RED));
        }
        assertThat(shared.identities()).containsExactly("alice");
        assertThat(Files.exists(dir)).isTrue();
        assertThat(Optional.of(shared.size())).contains(1);
    }
}
