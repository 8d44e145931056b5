package dev.facekit.reliability;

import dev.facekit.detect.DetectedFace;
import dev.facekit.image.RgbImage;
import dev.facekit.match.FaceMatcher;
import dev.facekit.mtcnn.MtcnnDetector;
import dev.facekit.vggface.SavedModelEmbedder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The child program of {@link LifetimeTest}: in each round, six threads call a real detector, a
 * real embedder and a matcher over both in a loop while the main thread closes them, in one of
 * three orders. Every worker must end with an {@link IllegalStateException} and nothing else.
 *
 * <p>Arguments: the number of rounds, then optionally a photo with a face (without one, generated
 * images are used). Prints one {@code round ...} line per round and exits with 0 when every worker
 * of every round ended as expected, 1 otherwise; a native crash ends the JVM with a signal instead.
 */
final class CloseWhileBusy {

    private static final int WORKERS = 6;

    private CloseWhileBusy() {}

    public static void main(String[] args) throws Exception {
        int rounds = Integer.parseInt(args[0]);
        RgbImage image =
                args.length > 1 ? RgbImage.read(Path.of(args[1])) : Photos.blobs(320, 240, 1);
        Random rnd = new Random(20261203);
        boolean ok = true;
        for (int round = 0; round < rounds; round++) {
            ok &= round(round, round % 3, image, rnd.nextInt(150));
        }
        System.exit(ok ? 0 : 1);
    }

    /**
     * One round. Order 0 closes the detector, the embedder, then the matcher; order 1 the embedder,
     * the matcher, then the detector; order 2 only the matcher, which was handed both components
     * and closes them.
     */
    private static boolean round(int round, int order, RgbImage image, int delayMillis)
            throws Exception {
        MtcnnDetector detector = MtcnnDetector.create();
        SavedModelEmbedder embedder = SavedModelEmbedder.compact();
        FaceMatcher matcher =
                FaceMatcher.builder(detector, embedder).closeComponents(order == 2).build();
        List<DetectedFace> faces = detector.detect(image);
        List<RgbImage> chips = new ArrayList<>();
        for (DetectedFace f : faces) {
            chips.add(embedder.cropper().crop(image, f));
        }
        if (chips.isEmpty()) {
            chips.add(Photos.blobs(150, 150, 2));
        }

        List<Worker> workers = new ArrayList<>();
        for (int i = 0; i < WORKERS; i++) {
            Runnable call =
                    switch (i % 3) {
                        case 0 -> () -> detector.detect(image);
                        case 1 -> () -> embedder.embedChips(chips);
                        default -> () -> matcher.verify(image, image);
                    };
            workers.add(new Worker("worker-" + round + "-" + i, call));
        }
        workers.forEach(Thread::start);

        // Close only once every worker is looping, so that calls are in flight.
        while (workers.stream().anyMatch(w -> w.calls.get() < 1 && w.failure.get() == null)) {
            Thread.sleep(5);
        }
        Thread.sleep(delayMillis);
        int inside = (int) workers.stream().filter(w -> w.inside).count();
        switch (order) {
            case 0 -> {
                detector.close();
                embedder.close();
                matcher.close();
            }
            case 1 -> {
                embedder.close();
                matcher.close();
                detector.close();
            }
            default -> matcher.close();
        }
        return report(round, order, inside, workers);
    }

    private static boolean report(int round, int order, int inside, List<Worker> workers)
            throws InterruptedException {
        int calls = 0;
        int stoppedByIse = 0;
        List<String> problems = new ArrayList<>();
        for (Worker w : workers) {
            w.join(60_000);
            calls += w.calls.get();
            Throwable t = w.failure.get();
            if (w.isAlive()) {
                problems.add(w.getName() + " still running 60 s after close");
            } else if (t instanceof IllegalStateException) {
                stoppedByIse++;
            } else {
                problems.add(w.getName() + " ended with " + t);
                if (t != null) {
                    t.printStackTrace();
                }
            }
        }
        System.out.printf(
                "round %d order=%d workers=%d insideAtClose=%d calls=%d stoppedByIse=%d"
                        + " problems=%s%n",
                round, order, workers.size(), inside, calls, stoppedByIse, problems);
        return problems.isEmpty() && stoppedByIse == workers.size();
    }

    /** Repeats one call until it throws; remembers what it threw. */
    private static final class Worker extends Thread {

        final AtomicInteger calls = new AtomicInteger();
        final AtomicReference<Throwable> failure = new AtomicReference<>();
        private final Runnable call;
        volatile boolean inside;

        Worker(String name, Runnable call) {
            super(name);
            this.call = call;
            setDaemon(true);
        }

        @Override
        public void run() {
            try {
                while (true) {
                    inside = true;
                    call.run();
                    inside = false;
                    calls.incrementAndGet();
                }
            } catch (Throwable t) {
                inside = false;
                failure.set(t);
            }
        }
    }
}
