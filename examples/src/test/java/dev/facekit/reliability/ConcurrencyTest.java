package dev.facekit.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.facekit.examples.Samples;
import dev.facekit.image.RgbImage;
import dev.facekit.match.FaceMatcher;
import dev.facekit.match.Verification;
import dev.facekit.mtcnn.MtcnnDetector;
import dev.facekit.vggface.SavedModelEmbedder;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Eight threads share one real detector ({@link MtcnnDetector#create()}), one real embedder ({@link
 * SavedModelEmbedder#compact()}) and one {@link FaceMatcher} over them. Every call made
 * concurrently must equal, by {@code equals}, the same call made sequentially beforehand: the same
 * faces (boxes, confidences and landmarks bit for bit, as records compare floats), bit-identical
 * embeddings, the same verifications and identifications.
 *
 * <p>The inputs: generated images (noise, smooth blobs, chips made of blobs), the bundled sample
 * photos (two portraits and a cat), and a shared photo with two faces when the shared data is
 * present.
 */
class ConcurrencyTest {

    private static final int THREADS = 8;
    private static final int ROUNDS = 2;

    private static MtcnnDetector detector;
    private static SavedModelEmbedder embedder;
    private static FaceMatcher matcher;
    private static Map<String, RgbImage> photos;

    @BeforeAll
    static void load() {
        detector = MtcnnDetector.create();
        embedder = SavedModelEmbedder.compact();
        matcher = FaceMatcher.of(detector, embedder);
    }

    @AfterAll
    static void close() {
        matcher.close();
        embedder.close();
        detector.close();
    }

    /** The photos: the bundled samples (two portraits, a cat) and a shared photo of two faces. */
    private static Map<String, RgbImage> photos() {
        if (photos != null) {
            return photos;
        }
        photos = new LinkedHashMap<>();
        for (String s : List.of(Samples.ASTRONAUT, Samples.GRACE_HOPPER, Samples.CHELSEA)) {
            photos.put(s, Samples.read(s));
        }
        String twoFaces = "faces/detection/dlib_faces/2008_001009.jpg";
        Photos.shared(twoFaces).ifPresent(image -> photos.put(twoFaces, image));
        return photos;
    }

    /** The calls to repeat: each one's result must not depend on what runs beside it. */
    private static Map<String, Callable<Object>> calls() {
        Map<String, Callable<Object>> calls = new LinkedHashMap<>();

        // Generated: no data needed.
        RgbImage noise = Photos.noise(160, 120, 1);
        RgbImage blobs = Photos.blobs(320, 240, 2);
        RgbImage moreBlobs = Photos.blobs(241, 307, 3);
        calls.put("detect noise", () -> detector.detect(noise));
        calls.put("detect blobs", () -> detector.detect(blobs));
        calls.put("detect more blobs", () -> detector.detect(moreBlobs));
        List<RgbImage> chips = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            chips.add(Photos.blobs(150, 150, 10 + i));
        }
        calls.put("embed batch of generated chips", () -> embedder.embedChips(chips));
        for (int i = 0; i < chips.size(); i++) {
            RgbImage chip = chips.get(i);
            calls.put("embed generated chip " + i, () -> embedder.embedChip(chip));
        }
        calls.put("verify blobs", () -> matcher.verify(blobs, moreBlobs));

        // Photos: detection, embedding of what was found, verification and identification.
        List<Map.Entry<String, RgbImage>> photos = new ArrayList<>(photos().entrySet());
        for (Map.Entry<String, RgbImage> p : photos) {
            RgbImage image = p.getValue();
            calls.put("detect " + p.getKey(), () -> detector.detect(image));
            calls.put(
                    "embed faces of " + p.getKey(),
                    () -> embedder.embed(image, detector.detect(image)));
            calls.put("identify " + p.getKey(), () -> matcher.identify(image, 3));
        }
        for (int i = 0; i + 1 < photos.size(); i++) {
            RgbImage a = photos.get(i).getValue();
            RgbImage b = photos.get(i + 1).getValue();
            calls.put(
                    "verify " + photos.get(i).getKey() + " with " + photos.get(i + 1).getKey(),
                    () -> matcher.verify(a, b));
        }
        return calls;
    }

    @Test
    void eightThreadsGiveExactlyTheSequentialResults() throws Exception {
        enrollPhotos();
        Map<String, Callable<Object>> calls = calls();
        Map<String, Object> expected = new LinkedHashMap<>();
        for (Map.Entry<String, Callable<Object>> c : calls.entrySet()) {
            expected.put(c.getKey(), c.getValue().call());
        }
        assertNotVacuous(expected);

        List<String> names = new ArrayList<>(calls.keySet());
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Map<String, List<Object>>>> runs = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                long seed = t;
                runs.add(pool.submit(() -> runShuffled(names, calls, seed, start)));
            }
            start.countDown();
            int compared = 0;
            for (Future<Map<String, List<Object>>> run : runs) {
                for (Map.Entry<String, List<Object>> r : run.get(10, TimeUnit.MINUTES).entrySet()) {
                    for (Object result : r.getValue()) {
                        assertThat(result).as(r.getKey()).isEqualTo(expected.get(r.getKey()));
                        compared++;
                    }
                }
            }
            assertThat(compared).isEqualTo(THREADS * ROUNDS * calls.size());
        } finally {
            pool.shutdownNow();
        }
    }

    /** Enrolls every photo with a face under its own name, before any concurrent call. */
    private static void enrollPhotos() {
        for (Map.Entry<String, RgbImage> p : photos().entrySet()) {
            if (!detector.detect(p.getValue()).isEmpty()
                    && !matcher.gallery().contains(p.getKey())) {
                matcher.enroll(p.getKey(), p.getValue());
            }
        }
    }

    /** Each thread makes every call {@link #ROUNDS} times, in its own random order. */
    private static Map<String, List<Object>> runShuffled(
            List<String> names,
            Map<String, Callable<Object>> calls,
            long seed,
            CountDownLatch start)
            throws Exception {
        List<String> order = new ArrayList<>();
        for (int r = 0; r < ROUNDS; r++) {
            order.addAll(names);
        }
        Collections.shuffle(order, new Random(seed));
        start.await();
        Map<String, List<Object>> results = new LinkedHashMap<>();
        for (String name : order) {
            results.computeIfAbsent(name, k -> new ArrayList<>()).add(calls.get(name).call());
        }
        return results;
    }

    /** Faces were found and compared, so the equalities above say something. */
    private static void assertNotVacuous(Map<String, Object> expected) {
        assertThat(expected.get("embed batch of generated chips")).asList().hasSize(3);
        assertThat(expected.get("detect " + Samples.ASTRONAUT)).asList().hasSize(1);
        assertThat(expected.get("detect " + Samples.GRACE_HOPPER)).asList().hasSize(1);
        assertThat(expected.get("detect " + Samples.CHELSEA)).asList().isEmpty();
        long compared =
                expected.values().stream()
                        .filter(Verification.class::isInstance)
                        .map(Verification.class::cast)
                        .filter(v -> v.status() == Verification.Status.COMPARED)
                        .count();
        assertThat(compared).isGreaterThan(0);
    }
}
