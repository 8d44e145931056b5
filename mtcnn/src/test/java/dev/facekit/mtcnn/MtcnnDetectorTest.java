package dev.facekit.mtcnn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.facekit.detect.DetectedFace;
import dev.facekit.geometry.BoundingBox;
import dev.facekit.image.RgbImage;
import dev.facekit.model.ModelException;
import dev.facekit.testing.SharedData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MtcnnDetectorTest {

    private static MtcnnDetector detector;

    @BeforeAll
    static void load() {
        detector = MtcnnDetector.create();
    }

    @AfterAll
    static void close() {
        detector.close();
    }

    static RgbImage noise(int w, int h, long seed) {
        byte[] px = new byte[3 * w * h];
        new Random(seed).nextBytes(px);
        return RgbImage.ofRgb(w, h, px);
    }

    static RgbImage photo(String relative) {
        return RgbImage.read(SharedData.require("faces/" + relative));
    }

    @Test
    void blankAndTinyImagesHaveNoFaces() {
        assertThat(detector.detect(RgbImage.filled(640, 480, 0xffffff))).isEmpty();
        assertThat(detector.detect(RgbImage.filled(640, 480, 0x000000))).isEmpty();
        assertThat(detector.detect(RgbImage.filled(1, 1, 0x808080))).isEmpty();
        assertThat(detector.detect(noise(11, 11, 1))).isEmpty();
        assertThat(detector.detect(noise(19, 19, 2))).isEmpty();
        assertThat(detector.detect(noise(20, 20, 3))).isEmpty();
    }

    @Test
    void stripsGiveEmptyListsWithoutError() {
        assertThat(detector.detect(noise(1, 600, 4))).isEmpty();
        assertThat(detector.detect(noise(600, 1, 5))).isEmpty();
        assertThat(detector.detect(noise(800, 40, 6))).isEmpty();
        assertThat(detector.detect(noise(40, 800, 7))).isEmpty();
    }

    @Test
    void imageBelowTheSmallestLevelRunsNoNet() {
        // 12 / 20 * 19 = 11.4 < 12: no pyramid level at all.
        assertThat(detector.scales(19, 500)).isEmpty();
        assertThat(detector.scales(20, 500)).containsExactly(0.6);
        assertThat(detector.scales(100, 100)).hasSize(5);
    }

    @Test
    void findsTheFacesOfAPhotoSortedAndInsideTheImage() {
        RgbImage image = photo("detection/face_recognition/kit_with_rose.jpg");
        List<DetectedFace> faces = detector.detect(image);
        assertThat(faces).hasSize(2);
        assertThat(faces.get(0).confidence()).isGreaterThanOrEqualTo(faces.get(1).confidence());
        for (DetectedFace f : faces) {
            assertInside(f.box(), image);
            assertThat(f.box().contains(f.landmarks().nose())).isTrue();
            assertThat(f.landmarks().leftEye().x()).isLessThan(f.landmarks().rightEye().x());
        }
    }

    @Test
    void stageListenerHearsOnceWithTheFacesDetectReturns() {
        RgbImage image = photo("detection/face_recognition/kit_with_rose.jpg");
        List<long[]> calls = new ArrayList<>();
        MtcnnDetector.StageListener listener =
                (pnet, rnet, onet, post, faces) ->
                        calls.add(new long[] {pnet, rnet, onet, post, faces});

        List<DetectedFace> timed = detector.detect(image, listener);

        assertThat(timed).isEqualTo(detector.detect(image));
        assertThat(calls).hasSize(1);
        assertThat(calls.get(0)[4]).isEqualTo(2);
        assertThat(java.util.Arrays.stream(calls.get(0)).min().getAsLong()).isNotNegative();
        assertThat(calls.get(0)[0]).isPositive();
    }

    @Test
    void stageListenerIsNotCalledWhenNoNetRuns() {
        List<long[]> calls = new ArrayList<>();
        assertThat(detector.detect(noise(19, 500, 9), (p, r, o, post, f) -> calls.add(null)))
                .isEmpty();
        assertThat(calls).isEmpty();
    }

    @Test
    void thresholdSweepFromZeroToOneNeverFails() {
        List<RgbImage> images = new ArrayList<>(List.of(noise(160, 120, 8)));
        if (SharedData.present("faces/detection/faceapi/bbt2.jpg")) {
            images.add(photo("detection/faceapi/bbt2.jpg"));
        }
        float[] steps = {0f, 0.25f, 0.5f, 0.75f, 0.95f, 1f};
        for (RgbImage image : images) {
            for (float t : steps) {
                for (int stage = 0; stage < 4; stage++) {
                    MtcnnOptions o = sweep(stage, t);
                    try (MtcnnDetector d = MtcnnDetector.create(o)) {
                        List<DetectedFace> faces = d.detect(image);
                        for (DetectedFace f : faces) {
                            assertInside(f.box(), image);
                            assertThat(f.confidence()).isGreaterThan(o.onetThreshold());
                        }
                        if (t == 1f && stage != 0) {
                            assertThat(faces).as("no probability exceeds 1").isEmpty();
                        }
                    }
                }
            }
        }
    }

    /** Stage 0 sets all three thresholds, stages 1 to 3 only one of them. */
    private static MtcnnOptions sweep(int stage, float t) {
        MtcnnOptions d = MtcnnOptions.DEFAULTS;
        return switch (stage) {
            case 0 -> d.withThresholds(t, t, t);
            case 1 -> d.withThresholds(t, d.rnetThreshold(), d.onetThreshold());
            case 2 -> d.withThresholds(d.pnetThreshold(), t, d.onetThreshold());
            default -> d.withThresholds(d.pnetThreshold(), d.rnetThreshold(), t);
        };
    }

    @Test
    void detectAllEqualsOneCallPerImage() {
        List<RgbImage> images = new ArrayList<>();
        images.add(noise(90, 70, 9));
        if (SharedData.present("faces/detection")) {
            images.add(photo("detection/faceapi/neutral.jpg"));
            images.add(photo("detection/dlib_faces/2008_001009.jpg"));
            images.add(photo("detection/faceapi/face_rectangular.png"));
        }
        images.add(RgbImage.filled(30, 30, 0x404040));
        List<List<DetectedFace>> all = detector.detectAll(images);
        assertThat(all).hasSize(images.size());
        for (int i = 0; i < images.size(); i++) {
            assertThat(all.get(i)).isEqualTo(detector.detect(images.get(i)));
        }
    }

    @Test
    void concurrentCallsGiveTheSequentialResults() throws Exception {
        RgbImage image =
                SharedData.present("faces/detection/faceapi/bbt2.jpg")
                        ? photo("detection/faceapi/bbt2.jpg")
                        : noise(200, 150, 10);
        List<DetectedFace> expected = detector.detect(image);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<List<DetectedFace>>> runs = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                runs.add(pool.submit(() -> detector.detect(image)));
            }
            for (Future<List<DetectedFace>> r : runs) {
                assertThat(r.get()).isEqualTo(expected);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void callsFromInsideTheCommonPoolFinishWithTheSequentialResults() {
        // detect forks its smaller pyramid levels into the pool its caller runs in: called from
        // the common pool's own workers, with more calls than workers, it must neither deadlock
        // nor change a result.
        List<RgbImage> images = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            images.add(noise(120 + 37 * i, 90 + 11 * i, 40 + i));
        }
        boolean photo = SharedData.present("faces/detection/faceapi/bbt2.jpg");
        if (photo) {
            images.add(photo("detection/faceapi/bbt2.jpg"));
        }
        List<List<DetectedFace>> sequential = images.stream().map(detector::detect).toList();
        List<List<DetectedFace>> pooled =
                ForkJoinPool.commonPool()
                        .submit(() -> images.parallelStream().map(detector::detect).toList())
                        .join();
        assertThat(pooled).isEqualTo(sequential);
        if (photo) {
            assertThat(sequential.get(6)).isNotEmpty();
        }
    }

    @Test
    void closeWaitsForWholeCallsSoNoCallFailsHalfway() throws Exception {
        RgbImage image = noise(640, 480, 77);
        MtcnnDetector d = MtcnnDetector.create();
        List<DetectedFace> expected = d.detect(image);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<List<String>>> workers = new ArrayList<>();
        java.util.concurrent.CountDownLatch started = new java.util.concurrent.CountDownLatch(4);
        for (int t = 0; t < 4; t++) {
            workers.add(
                    pool.submit(
                            () -> {
                                List<String> outcomes = new ArrayList<>();
                                started.countDown();
                                while (true) {
                                    try {
                                        assertThat(d.detect(image)).isEqualTo(expected);
                                        outcomes.add("ok");
                                    } catch (IllegalStateException e) {
                                        outcomes.add(e.getMessage());
                                        return outcomes;
                                    }
                                }
                            }));
        }
        started.await();
        Thread.sleep(150);
        d.close();
        pool.shutdown();
        for (Future<List<String>> w : workers) {
            List<String> outcomes = w.get();
            // Every call either finished with the full result or was refused before it began.
            assertThat(outcomes.get(outcomes.size() - 1))
                    .isEqualTo("MTCNN detector (bundled models) is closed");
            assertThat(outcomes.subList(0, outcomes.size() - 1)).containsOnly("ok");
        }
    }

    @Test
    void aMinimumFaceSoSmallThatThePyramidWouldExplodeIsRefused() {
        try (MtcnnDetector d =
                MtcnnDetector.create(MtcnnOptions.DEFAULTS.withMinFaceSize(0.0002f))) {
            assertThatThrownBy(() -> d.detect(noise(40, 40, 1)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage(
                            "minFaceSize 2.0E-4 on a 40x40 image gives a first pyramid level of"
                                    + " 2400001x2400001 pixels, over the limit of 134217728"
                                    + " pixels and 1048576 columns; use a larger minFaceSize");
        }
        try (MtcnnDetector d = MtcnnDetector.create(MtcnnOptions.DEFAULTS.withMinFaceSize(0.05f))) {
            assertThatThrownBy(() -> d.detect(noise(300, 250, 1)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("72001x60001");
        }
        // A minimum face of 2 px on a 300x250 image: a 1801x1501 first level, allowed.
        try (MtcnnDetector d = MtcnnDetector.create(MtcnnOptions.DEFAULTS.withMinFaceSize(2f))) {
            assertThat(d.detect(noise(300, 250, 1))).isNotNull();
        }
    }

    @Test
    void closedDetectorRefusesWorkAndClosesTwiceQuietly() {
        MtcnnDetector d = MtcnnDetector.create();
        d.close();
        d.close();
        assertThatThrownBy(() -> d.detect(noise(100, 100, 11)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
        assertThatThrownBy(() -> d.detect(RgbImage.filled(1, 1, 0)))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> d.detectAll(List.of()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
    }

    @Test
    void nullImageIsRejected() {
        assertThatThrownBy(() -> detector.detect(null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("image");
    }

    @Test
    void directoryWithoutModelIsAModelException(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("empty"));
        Path e = dir.resolve("empty");
        assertThatThrownBy(() -> MtcnnDetector.fromDirectories(e, e, e, MtcnnOptions.DEFAULTS))
                .isInstanceOf(ModelException.class)
                .hasMessageContaining("no saved_model.pb");
    }

    @Test
    void modelWithoutLandmarksOutputIsRefusedAsONet(@TempDir Path dir) throws Exception {
        FakeNets.export(dir, 0.9f, new float[4], new float[10]);
        Path r = dir.resolve("rnet");
        assertThatThrownBy(() -> MtcnnDetector.fromDirectories(r, r, r, MtcnnOptions.DEFAULTS))
                .isInstanceOf(ModelException.class)
                .hasMessageContaining("landmarks");
    }

    @Test
    void invertedRegressedBoxesAreDroppedWithoutError(@TempDir Path dir) throws Exception {
        // Moves each left edge 60% right and each right edge 60% left: negative widths.
        try (MtcnnDetector d = fake(dir, 0.9f, new float[] {0.6f, 0.6f, -0.6f, -0.6f})) {
            assertThat(d.detect(noise(120, 90, 12))).isEmpty();
        }
    }

    @Test
    void zeroSizedRegressedBoxesAreDroppedWithoutError(@TempDir Path dir) throws Exception {
        // Moves both edges to the centre: zero widths after every stage.
        try (MtcnnDetector d = fake(dir, 0.9f, new float[] {0.5f, 0.5f, -0.5f, -0.5f})) {
            assertThat(d.detect(noise(120, 90, 13))).isEmpty();
        }
    }

    @Test
    void boxesPushedOutOfTheImageAreClippedToIt(@TempDir Path dir) throws Exception {
        // Every box grows far past every edge; clipped, they all become the whole image, and the
        // final "min" NMS keeps one.
        try (MtcnnDetector d = fake(dir, 0.9f, new float[] {-5f, -5f, 5f, 5f})) {
            List<DetectedFace> faces = d.detect(noise(120, 90, 14));
            assertThat(faces).hasSize(1);
            assertThat(faces.get(0).box()).isEqualTo(new BoundingBox(0, 0, 120, 90));
            assertThat(faces.get(0).confidence()).isEqualTo(0.9f);
        }
    }

    @Test
    void everyWindowPassingStillGivesValidFaces(@TempDir Path dir) throws Exception {
        try (MtcnnDetector d = fake(dir, 1f, new float[4])) {
            RgbImage image = noise(300, 200, 15);
            List<DetectedFace> faces = d.detect(image);
            assertThat(faces).isNotEmpty();
            for (DetectedFace f : faces) {
                assertInside(f.box(), image);
                assertThat(f.confidence()).isEqualTo(1f);
            }
        }
    }

    @Test
    void pnetKeepsProbabilitiesEqualToItsThresholdAndLaterStagesDoNot(@TempDir Path dir)
            throws Exception {
        FakeNets.export(dir, 0.7f, new float[4], new float[10]);
        RgbImage image = noise(100, 100, 16);
        MtcnnOptions atThreshold = MtcnnOptions.DEFAULTS.withThresholds(0.7f, 0.7f, 0.7f);
        try (MtcnnDetector d = fromFake(dir, atThreshold)) {
            assertThat(d.detect(image)).isEmpty();
        }
        try (MtcnnDetector d = fromFake(dir, atThreshold.withThresholds(0.7f, 0.69f, 0.69f))) {
            assertThat(d.detect(image)).isNotEmpty();
        }
        try (MtcnnDetector d = fromFake(dir, atThreshold.withThresholds(0.71f, 0f, 0f))) {
            assertThat(d.detect(image)).isEmpty();
        }
    }

    @Test
    void landmarksAreFractionsOfTheBoxONetWasGiven(@TempDir Path dir) throws Exception {
        // Regression zero: O-Net's box is the final box; landmark = (w + 1) * f + x1 - 1.
        float[] lm = {0.25f, 0.75f, 0.5f, 0.25f, 0.75f, 0.25f, 0.25f, 0.5f, 0.75f, 0.75f};
        FakeNets.export(dir, 0.9f, new float[4], lm);
        try (MtcnnDetector d = fromFake(dir, MtcnnOptions.DEFAULTS)) {
            List<DetectedFace> faces = d.detect(noise(64, 64, 17));
            List<DetectedFace> inside =
                    faces.stream()
                            .filter(
                                    f ->
                                            f.box().x() > 0
                                                    && f.box().y() > 0
                                                    && f.box().right() < 64
                                                    && f.box().bottom() < 64)
                            .toList();
            assertThat(inside).isNotEmpty();
            for (DetectedFace f : inside) {
                BoundingBox b = f.box();
                assertThat(f.landmarks().leftEye().x())
                        .isCloseTo((b.width() + 1) * 0.25f + b.x() - 1, within(1e-3f));
                assertThat(f.landmarks().rightEye().y())
                        .isCloseTo((b.height() + 1) * 0.25f + b.y() - 1, within(1e-3f));
                assertThat(f.landmarks().mouthRight().x())
                        .isCloseTo((b.width() + 1) * 0.75f + b.x() - 1, within(1e-3f));
            }
        }
    }

    private static org.assertj.core.data.Offset<Float> within(float v) {
        return org.assertj.core.data.Offset.offset(v);
    }

    private static MtcnnDetector fake(Path dir, float prob, float[] reg) throws Exception {
        float[] lm = {0.3f, 0.7f, 0.5f, 0.35f, 0.65f, 0.35f, 0.35f, 0.55f, 0.75f, 0.75f};
        FakeNets.export(dir, prob, reg, lm);
        return fromFake(dir, MtcnnOptions.DEFAULTS);
    }

    private static MtcnnDetector fromFake(Path dir, MtcnnOptions options) {
        return MtcnnDetector.fromDirectories(
                dir.resolve("pnet"), dir.resolve("rnet"), dir.resolve("onet"), options);
    }

    @Test
    void pnetBandsGiveTheCellsOfOneRunOverTheWholeLevel() {
        RgbImage image =
                SharedData.present("faces/detection/faceapi/bbt2.jpg")
                        ? photo("detection/faceapi/bbt2.jpg")
                        : noise(301, 257, 18);
        int w = image.width();
        int h = image.height();
        AreaResampler area = new AreaResampler(image.toRgbBytes(), w, h);
        int compared = 0;
        try (MtcnnDetector d =
                MtcnnDetector.create(MtcnnOptions.DEFAULTS.withThresholds(0.3f, 0.7f, 0.7f))) {
            for (double scale : d.scales(w, h)) {
                int lh = (int) (h * scale + 1);
                int lw = (int) (w * scale + 1);
                List<float[]> whole =
                        flat(d.levelCells(area, w, h, lw, lh, (float) scale, 1 << 20));
                for (int rows : new int[] {14, 16, 40, 116}) {
                    List<float[]> banded =
                            flat(d.levelCells(area, w, h, lw, lh, (float) scale, rows));
                    assertThat(banded)
                            .as("level %dx%d in bands of %d rows", lw, lh, rows)
                            .containsExactlyElementsOf(whole);
                }
                compared += whole.size();
            }
        }
        assertThat(compared).as("cells compared").isGreaterThan(10);
    }

    private static List<float[]> flat(List<Candidate> cells) {
        return cells.stream()
                .map(
                        c ->
                                new float[] {
                                    c.x1, c.y1, c.x2, c.y2, c.score, c.reg[0], c.reg[1], c.reg[2],
                                    c.reg[3]
                                })
                .toList();
    }

    static void assertInside(BoundingBox b, RgbImage image) {
        assertThat(b.x()).isGreaterThanOrEqualTo(0f);
        assertThat(b.y()).isGreaterThanOrEqualTo(0f);
        assertThat(b.width()).isGreaterThan(0f);
        assertThat(b.height()).isGreaterThan(0f);
        assertThat(b.right()).isLessThanOrEqualTo(image.width());
        assertThat(b.bottom()).isLessThanOrEqualTo(image.height());
    }
}
