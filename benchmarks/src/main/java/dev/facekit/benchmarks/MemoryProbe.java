package dev.facekit.benchmarks;

import dev.facekit.benchmarks.vggface.VggFaceEmbeddingBenchmark;
import dev.facekit.image.RgbImage;
import dev.facekit.mtcnn.MtcnnDetector;
import dev.facekit.vggface.SavedModelEmbedder;
import dev.facekit.vggface.convert.Architecture;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Resident memory of the process (native and Java together), read from {@code /proc/self/status}
 * ({@code VmRSS}: now; {@code VmHWM}: the peak so far). Run each mode in a fresh JVM, as {@code
 * benchmarks/run.sh} does, so that the peak belongs to that mode alone:
 *
 * <pre>
 * MemoryProbe detect SIZE              one detection of the photo of SIZE (e.g. 4000x3000)
 * MemoryProbe embed MODEL BATCH        one embedding call of BATCH chips (compact or resnet50)
 * MemoryProbe soak SIZE COUNT          COUNT detections of the photo; RSS after 100 and every 1,000
 * </pre>
 *
 * <p>Each mode records RSS and peak after loading the model and preparing the input (the baseline)
 * and after the work; {@code detect} and {@code embed} first reset the peak to the current RSS
 * (writing {@code 5} to {@code /proc/self/clear_refs}, recorded as {@code peakReset}), so that the
 * peak is that of the work alone. Every mode writes {@code memory-MODE-ARG.json} to {@code
 * facekit.bench.out}. Run {@code soak} with a fixed, pre-touched heap ({@code -Xms = -Xmx}, {@code
 * -XX:+AlwaysPreTouch}) so that the heap's own growth does not show up as resident memory: then
 * growth is native.
 */
public final class MemoryProbe {

    private MemoryProbe() {}

    /**
     * Runs one mode.
     *
     * @param args the mode and its arguments, see the class documentation
     * @throws IOException if the result cannot be written
     */
    public static void main(String[] args) throws IOException {
        if (args.length < 2) {
            throw new IllegalArgumentException(
                    "usage: MemoryProbe detect SIZE | embed MODEL BATCH | soak SIZE COUNT");
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("mode", args[0]);
        out.put("start", status());
        String name;
        switch (args[0]) {
            case "detect" -> {
                name = "detect-" + args[1];
                detect(args[1], out);
            }
            case "embed" -> {
                name = "embed-" + args[1] + "-" + args[2];
                embed(args[1], Integer.parseInt(args[2]), out);
            }
            case "soak" -> {
                name = "soak-" + args[1];
                soak(args[1], Integer.parseInt(args[2]), out);
            }
            default -> throw new IllegalArgumentException("unknown mode " + args[0]);
        }
        out.put("maxHeapMb", Runtime.getRuntime().maxMemory() / (1 << 20));
        Path file = Results.write("memory-" + name + ".json", out);
        System.out.println(file + ": " + out);
    }

    private static void detect(String size, Map<String, Object> out) {
        out.put("size", size);
        RgbImage image = BenchImages.photo(size);
        try (MtcnnDetector detector = MtcnnDetector.create()) {
            out.put("peakReset", resetPeak());
            out.put("baseline", status());
            int faces = detector.detect(image).size();
            out.put("after", status());
            out.put("faces", faces);
        }
    }

    private static void embed(String model, int batch, Map<String, Object> out) throws IOException {
        out.put("model", model);
        out.put("batch", batch);
        try (SavedModelEmbedder embedder =
                model.equals("compact")
                        ? SavedModelEmbedder.compact()
                        : SavedModelEmbedder.load(
                                VggFaceEmbeddingBenchmark.convertedModel(
                                        Architecture.valueOf(
                                                model.toUpperCase(java.util.Locale.ROOT))))) {
            int side = embedder.inputSize();
            Random random = new Random(42);
            List<RgbImage> chips = new ArrayList<>();
            for (int i = 0; i < batch; i++) {
                byte[] rgb = new byte[side * side * 3];
                random.nextBytes(rgb);
                chips.add(RgbImage.ofRgb(side, side, rgb));
            }
            out.put("peakReset", resetPeak());
            out.put("baseline", status());
            int n = embedder.embedChips(chips).size();
            out.put("after", status());
            out.put("embeddings", n);
        }
    }

    private static void soak(String size, int count, Map<String, Object> out) {
        out.put("size", size);
        out.put("count", count);
        RgbImage image = BenchImages.photo(size);
        List<Map<String, Object>> samples = new ArrayList<>();
        long start = System.nanoTime();
        try (MtcnnDetector detector = MtcnnDetector.create()) {
            out.put("baseline", status());
            for (int i = 1; i <= count; i++) {
                detector.detect(image);
                if (i == 100 || i % 1000 == 0 || i == count) {
                    System.gc();
                    Map<String, Object> s = status();
                    s.put("detections", i);
                    s.put("seconds", (System.nanoTime() - start) / 1e9);
                    samples.add(s);
                }
            }
        }
        out.put("samples", samples);
        out.put("after", samples.get(samples.size() - 1));
    }

    /**
     * Sets the kernel's peak RSS ({@code VmHWM}) back to the current RSS, so that the peak measured
     * afterwards belongs to the work that follows, not to loading or preparing the input.
     */
    private static boolean resetPeak() {
        try {
            Files.writeString(Path.of("/proc/self/clear_refs"), "5");
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** RSS and peak RSS (MB) from /proc/self/status, and the Java heap in use (MB). */
    static Map<String, Object> status() {
        Map<String, Object> s = new LinkedHashMap<>();
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:") || line.startsWith("VmHWM:")) {
                    String[] f = line.split("\\s+");
                    s.put(
                            f[0].substring(0, f[0].length() - 1) + "Mb",
                            Long.parseLong(f[1]) / 1024.0);
                }
            }
        } catch (IOException e) {
            s.put("error", "/proc/self/status unreadable: " + e.getMessage());
        }
        Runtime rt = Runtime.getRuntime();
        s.put("heapUsedMb", (rt.totalMemory() - rt.freeMemory()) / (double) (1 << 20));
        return s;
    }
}
