package dev.facekit.match;

import static org.assertj.core.api.Assertions.assertThat;

import dev.facekit.embed.Embedding;
import dev.facekit.embed.Metric;
import dev.facekit.image.RgbImage;
import dev.facekit.match.ColourFaces.Block;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class GalleryConcurrencyTest {

    static final int READERS = 8;

    @Test
    void eightReadersSeeConsistentResultsWhileAWriterEnrollsAndRemoves() throws Exception {
        Random rnd = new Random(42);
        Gallery g = Gallery.create("m", 64, 1);
        List<Embedding> base = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            base.add(GalleryTest.random(rnd, "m", 64, 1));
            g.add("base-" + i, base.get(i));
        }
        List<Embedding> fresh = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            fresh.add(GalleryTest.random(rnd, "m", 64, 1));
        }
        AtomicBoolean writing = new AtomicBoolean(true);
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(READERS + 1);
        try {
            List<Future<Integer>> readers = new ArrayList<>();
            for (int t = 0; t < READERS; t++) {
                int seed = t;
                readers.add(pool.submit(() -> read(g, base, fresh, writing, start, seed)));
            }
            Future<?> writer = pool.submit(() -> write(g, fresh, writing, start));
            start.countDown();

            writer.get(5, TimeUnit.MINUTES);
            int searches = 0;
            for (Future<Integer> r : readers) {
                searches += r.get(5, TimeUnit.MINUTES);
            }
            assertThat(searches).isGreaterThanOrEqualTo(READERS);
        } finally {
            pool.shutdownNow();
        }

        // Afterwards: every fresh identity is enrolled and found, every temporary one removed.
        assertThat(g.size()).isEqualTo(300 + 2000);
        for (int i = 0; i < 2000; i += 97) {
            Candidate c = g.search(fresh.get(i), 1, Metric.EUCLIDEAN).get(0);
            assertThat(c.identity()).isEqualTo("fresh-" + i);
            assertThat(c.distance()).isEqualTo(0.0);
        }
        assertThat(g.identities()).noneMatch(id -> id.startsWith("temp-"));
    }

    private static void write(
            Gallery g, List<Embedding> fresh, AtomicBoolean writing, CountDownLatch start) {
        try {
            start.await();
            for (int i = 0; i < fresh.size(); i++) {
                g.add("fresh-" + i, fresh.get(i));
                if (i % 50 == 0) {
                    g.add("temp-" + i, fresh.get(i).normalized());
                }
                if (i % 50 == 25) {
                    assertThat(g.remove("temp-" + (i - 25))).isTrue();
                }
            }
            g.remove("temp-" + (fresh.size() - fresh.size() % 50));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            writing.set(false);
        }
    }

    private static int read(
            Gallery g,
            List<Embedding> base,
            List<Embedding> fresh,
            AtomicBoolean writing,
            CountDownLatch start,
            int seed)
            throws InterruptedException {
        start.await();
        Random rnd = new Random(seed);
        int searches = 0;
        do {
            // A base vector always finds itself first, at distance exactly 0, whatever is added.
            int i = rnd.nextInt(base.size());
            List<Candidate> top = g.search(base.get(i), 3, Metric.EUCLIDEAN);
            assertThat(top.get(0).identity()).isEqualTo("base-" + i);
            assertThat(top.get(0).distance()).isEqualTo(0.0);
            assertThat(top).hasSize(3);
            assertThat(top.get(1).distance()).isLessThanOrEqualTo(top.get(2).distance());

            // A fresh vector is either not enrolled yet or found as itself (or as its temporary
            // normalised copy at the same cosine distance 0).
            int j = rnd.nextInt(fresh.size());
            Candidate c = g.search(fresh.get(j), 1, Metric.COSINE).get(0);
            if (c.identity().equals("fresh-" + j) || c.identity().equals("temp-" + j)) {
                assertThat(c.distance()).isLessThan(1e-6);
            } else {
                assertThat(c.distance()).isGreaterThan(1e-3);
            }

            // Every listing is a consistent snapshot: no null, no duplicate, base first.
            List<String> ids = g.identities();
            assertThat(new HashSet<>(ids)).hasSize(ids.size());
            assertThat(ids.subList(0, 300)).allMatch(id -> id.startsWith("base-"));
            searches++;
        } while (writing.get());
        return searches;
    }

    @Test
    void eightThreadsIdentifyThroughOneMatcherWhileAnotherEnrolls() throws Exception {
        int[] colours = new int[60];
        for (int i = 0; i < colours.length; i++) {
            colours[i] = 0x101010 + i * 0x030507;
        }
        try (FaceMatcher matcher =
                FaceMatcher.of(new ColourFaces.Detector(), new ColourFaces.Embedder())) {
            for (int i = 0; i < 10; i++) {
                matcher.enroll("c" + i, face(colours[i]));
            }
            AtomicBoolean writing = new AtomicBoolean(true);
            ExecutorService pool = Executors.newFixedThreadPool(READERS + 1);
            try {
                List<Future<?>> tasks = new ArrayList<>();
                for (int t = 0; t < READERS; t++) {
                    int seed = t;
                    tasks.add(
                            pool.submit(
                                    () -> {
                                        Random rnd = new Random(seed);
                                        do {
                                            int i = rnd.nextInt(10);
                                            List<FaceIdentification> who =
                                                    matcher.identify(face(colours[i]), 2);
                                            assertThat(who).hasSize(1);
                                            assertThat(who.get(0).identity()).contains("c" + i);
                                        } while (writing.get());
                                        return null;
                                    }));
                }
                tasks.add(
                        pool.submit(
                                () -> {
                                    try {
                                        for (int i = 10; i < colours.length; i++) {
                                            matcher.enroll("c" + i, face(colours[i]));
                                        }
                                    } finally {
                                        writing.set(false);
                                    }
                                    return null;
                                }));
                for (Future<?> f : tasks) {
                    f.get(5, TimeUnit.MINUTES);
                }
            } finally {
                pool.shutdownNow();
            }
            assertThat(matcher.identities()).hasSize(colours.length);
        }
    }

    static RgbImage face(int rgb) {
        return ColourFaces.image(64, 48, new Block(16, 8, 32, 32, rgb));
    }

    @Test
    void closingWhileThreadsIdentifyNeverReachesAClosedComponent() throws Exception {
        ColourFaces.Detector detector = new ColourFaces.Detector();
        ColourFaces.Embedder embedder = new ColourFaces.Embedder();
        FaceMatcher matcher = FaceMatcher.builder(detector, embedder).closeComponents(true).build();
        matcher.enroll("c", face(0x808080));
        CountDownLatch running = new CountDownLatch(READERS);
        ExecutorService pool = Executors.newFixedThreadPool(READERS);
        try {
            List<Future<Integer>> tasks = new ArrayList<>();
            for (int t = 0; t < READERS; t++) {
                tasks.add(
                        pool.submit(
                                () -> {
                                    running.countDown();
                                    int answered = 0;
                                    while (true) {
                                        try {
                                            List<FaceIdentification> who =
                                                    matcher.identify(face(0x808080), 1);
                                            assertThat(who.get(0).identity()).contains("c");
                                            answered++;
                                        } catch (IllegalStateException e) {
                                            // Only the matcher's own refusal, never a closed
                                            // detector or embedder reached from inside a call.
                                            assertThat(e).hasMessage("FaceMatcher is closed");
                                            return answered;
                                        }
                                    }
                                }));
            }
            running.await();
            Thread.sleep(50);
            matcher.close();
            for (Future<Integer> f : tasks) {
                assertThat(f.get(1, TimeUnit.MINUTES)).isGreaterThanOrEqualTo(0);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(detector.closed).isTrue();
        assertThat(embedder.closed).isTrue();
    }
}
