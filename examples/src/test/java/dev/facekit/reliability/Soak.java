package dev.facekit.reliability;

import dev.facekit.detect.DetectedFace;
import dev.facekit.embed.Embedding;
import dev.facekit.image.RgbImage;
import dev.facekit.mtcnn.MtcnnDetector;
import dev.facekit.vggface.SavedModelEmbedder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The child program of {@link SoakTest}: runs detection and embedding in a loop with one real
 * detector and one real embedder, and prints the resident set size ({@code VmRSS} of {@code
 * /proc/self/status}: heap, native allocations of TensorFlow and JavaCPP, code and stacks) along
 * the way.
 *
 * <p>Arguments: iterations, warm-up iterations, then optionally a photo with a face. One iteration
 * is {@code detect} on the photo plus {@code embed} of the faces found; without a photo, or when it
 * has no face, {@code detect} on a generated image plus {@code embedChip} of a generated chip.
 * Output lines: {@code faces N}, {@code rss ITERATION KB} (after the warm-up, at every tenth of the
 * run, and at the end) and {@code done EMBEDDINGS}.
 */
final class Soak {

    private Soak() {}

    public static void main(String[] args) throws IOException {
        int iterations = Integer.parseInt(args[0]);
        int warmUp = Integer.parseInt(args[1]);
        RgbImage image =
                args.length > 2 ? RgbImage.read(Path.of(args[2])) : Photos.blobs(400, 300, 1);
        RgbImage chip = Photos.blobs(150, 150, 2);
        int step = Math.max(1, (iterations - warmUp) / 10);
        long embeddings = 0;
        try (MtcnnDetector detector = MtcnnDetector.create();
                SavedModelEmbedder embedder = SavedModelEmbedder.compact()) {
            Embedding first = null;
            for (int i = 1; i <= iterations; i++) {
                List<DetectedFace> faces = detector.detect(image);
                List<Embedding> e =
                        faces.isEmpty()
                                ? List.of(embedder.embedChip(chip))
                                : embedder.embed(image, faces);
                embeddings += e.size();
                if (first == null) {
                    first = e.get(0);
                    System.out.println("faces " + faces.size());
                } else if (!first.equals(e.get(0))) {
                    throw new AssertionError("iteration " + i + " gave another embedding");
                }
                if (i == warmUp || (i > warmUp && (i - warmUp) % step == 0) || i == iterations) {
                    System.out.println("rss " + i + " " + rssKb());
                }
            }
        }
        System.out.println("done " + embeddings);
    }

    /** Returns {@code VmRSS} in kB, read from {@code /proc/self/status} (Linux only). */
    static long rssKb() throws IOException {
        for (String line :
                Files.readAllLines(Path.of("/proc/self/status"), StandardCharsets.UTF_8)) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", ""));
            }
        }
        throw new IllegalStateException("no VmRSS line in /proc/self/status");
    }
}
