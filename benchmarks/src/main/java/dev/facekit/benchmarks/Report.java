package dev.facekit.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Turns one results folder of {@code benchmarks/run.sh} into Markdown tables: the JMH JSON files
 * ({@code jmh-*.json}), the detection stage means ({@code detection-stages-*.json}), the memory
 * probes ({@code memory-*.json}) and the machine notes ({@code machine-*.txt}). Prints the report
 * and writes it to {@code report.md} in the folder. Every target is compared with the number next
 * to it; a row whose benchmark did not run says "not run".
 *
 * <p>Usage: {@code Report [folder]} (default: {@code facekit.bench.out} or {@code
 * benchmarks/target/results}).
 */
public final class Report {

    private static final String[] SIZES = {
        "427x240", "853x480", "1280x720", "1920x1080", "4000x3000"
    };

    /** Reference PyTorch MTCNN seconds per image at the first four sizes (detector issue). */
    private static final double[] REFERENCE_S = {0.10, 0.18, 0.25, 0.38};

    private final Path dir;
    private final List<JsonNode> runs = new ArrayList<>();
    private final ObjectMapper json = new ObjectMapper();
    private final StringBuilder md = new StringBuilder();
    private final List<String> targets = new ArrayList<>();

    private Report(Path dir) throws IOException {
        this.dir = dir;
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.sorted().toList()) {
                String n = f.getFileName().toString();
                if (n.startsWith("jmh-") && n.endsWith(".json") && Files.size(f) > 0) {
                    json.readTree(f.toFile()).forEach(runs::add);
                }
            }
        }
    }

    /**
     * Prints the report and writes {@code report.md}.
     *
     * @param args optional results folder
     * @throws IOException if a result cannot be read or the report not written
     */
    public static void main(String[] args) throws IOException {
        Path dir = args.length > 0 ? Path.of(args[0]) : Results.folder();
        Report r = new Report(dir);
        r.machine();
        r.detection();
        r.throughput();
        r.embedding();
        r.matching();
        r.loading();
        r.memory();
        r.targets();
        Files.writeString(dir.resolve("report.md"), r.md, StandardCharsets.UTF_8);
        System.out.print(r.md);
    }

    private void machine() throws IOException {
        for (String n : List.of("machine-before.txt", "machine-after.txt")) {
            Path f = dir.resolve(n);
            if (Files.isRegularFile(f)) {
                line("`" + n + "`:");
                line("```");
                md.append(Files.readString(f).strip()).append('\n');
                line("```");
                line("");
            }
        }
    }

    private void detection() throws IOException {
        line("### Detection, ms per image (avgt)");
        line("");
        line(
                "| size | decode | pyramid + P-Net | R-Net | O-Net | post | detect (JMH) |"
                        + " decode + detect | faces | reference | target | met |");
        line("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|");
        for (int i = 0; i < SIZES.length; i++) {
            String size = SIZES[i];
            JsonNode dec = find("DecodeBenchmark.decode", Map.of("size", size));
            JsonNode det = find("DetectionBenchmark.detect", Map.of("size", size));
            JsonNode st = readJson("detection-stages-" + size + ".json");
            String ref = i < REFERENCE_S.length ? fmt(REFERENCE_S[i] * 1000, 0) : "none";
            double target = i < REFERENCE_S.length ? Math.round(REFERENCE_S[i] * 1000 / 3) : -1;
            String met = "no target";
            if (target > 0 && det != null) {
                double d = score(det);
                met = d <= target ? "yes" : "**no**";
                if (dec != null) {
                    met += d + score(dec) <= target ? " (also with decode)" : " (not with decode)";
                }
            } else if (target > 0) {
                met = "not run";
            }
            if (target > 0) {
                targets.add(
                        String.format(
                                Locale.ROOT,
                                "| detection %s, ms per image | %s (reference PyTorch / 3) | %s |"
                                        + " %s |",
                                size,
                                fmt(target, 0),
                                det == null ? "not run" : fmt(score(det), 1),
                                met));
            }
            line(
                    "| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |",
                    size,
                    dec == null ? "not run" : scoreErr(dec, 2),
                    st == null ? "-" : fmt(st.get("pyramidPnetMs").asDouble(), 2),
                    st == null ? "-" : fmt(st.get("rnetMs").asDouble(), 2),
                    st == null ? "-" : fmt(st.get("onetMs").asDouble(), 2),
                    st == null ? "-" : fmt(st.get("postMs").asDouble(), 3),
                    det == null ? "not run" : scoreErr(det, 1),
                    det == null || dec == null ? "-" : fmt(score(det) + score(dec), 1),
                    st == null ? "-" : fmt(st.get("faces").asDouble(), 0),
                    ref,
                    target > 0 ? fmt(target, 0) : "none",
                    met);
        }
        line("");
    }

    private void throughput() {
        line("### Batch detection throughput, images per second (thrpt)");
        line("");
        line("| size | threads | images/s | ms per image per thread |");
        line("|---|---:|---:|---:|");
        for (JsonNode r : select("DetectionThroughputBenchmark.")) {
            int t = r.get("threads").asInt();
            line(
                    "| %s | %d | %s | %s |",
                    r.get("params").get("size").asText(),
                    t,
                    scoreErr(r, 2),
                    fmt(1000.0 * t / score(r), 1));
        }
        line("");
    }

    private void embedding() {
        line("### Embedding, ms (avgt; no external target: reported)");
        line("");
        line("| model | batch | ms per call | ms per face |");
        line("|---|---:|---:|---:|");
        for (JsonNode r : select("EmbeddingBenchmark.embedBatch")) {
            JsonNode p = r.get("params");
            String model =
                    p.has("architecture")
                            ? p.get("architecture").asText() + " (generated weights, 224 px)"
                            : "compact dlib ResNet (150 px, 128-d)";
            int batch = p.get("batch").asInt();
            line("| %s | %d | %s | %s |", model, batch, scoreErr(r, 1), fmt(score(r) / batch, 2));
        }
        line("");
    }

    private void matching() {
        line("### Verification, ns per pair (avgt)");
        line("");
        line("| dimension | metric | ns per pair |");
        line("|---:|---|---:|");
        for (JsonNode r : select("VerificationBenchmark.comparePair")) {
            JsonNode p = r.get("params");
            line(
                    "| %s | %s | %s |",
                    p.get("dimension").asText(), p.get("metric").asText(), scoreErr(r, 1));
        }
        line("");
        line("### Identification, ms per query, next to passes over the same bytes (avgt)");
        line("");
        line(
                "| embeddings | dimension | gallery MB | identify (top 5, cosine) | scalar kernel |"
                        + " one thread | scalar pass, 1 thread | SIMD pass, 1 thread |"
                        + " SIMD pass, all cores | GB/s (fastest pass) | identify / fastest pass |"
                        + " target | met |");
        line("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---|");
        for (String size : List.of("10000", "100000", "1000000")) {
            for (String dim : List.of("128", "2048")) {
                Map<String, String> p = Map.of("size", size, "dimension", dim);
                JsonNode id = find("IdentificationBenchmark.identify", p);
                JsonNode scalar = find("IdentificationBenchmark.identifyScalar", p);
                JsonNode one = find("IdentificationBenchmark.identifyOneThread", p);
                JsonNode fp = find("IdentificationBenchmark.memoryPass", p);
                JsonNode vp = find("IdentificationBenchmark.memoryPassVector", p);
                JsonNode pp = find("IdentificationBenchmark.memoryPassParallel", p);
                double pass = Double.POSITIVE_INFINITY;
                for (JsonNode n : new JsonNode[] {fp, vp, pp}) {
                    if (n != null) {
                        pass = Math.min(pass, score(n));
                    }
                }
                boolean hasPass = pass < Double.POSITIVE_INFINITY;
                double bytes = 4.0 * Long.parseLong(size) * Long.parseLong(dim);
                boolean target = size.equals("1000000") && dim.equals("128");
                String met = "-";
                if (target) {
                    met =
                            id == null || !hasPass
                                    ? "not run"
                                    : score(id) <= 2 * pass ? "yes" : "**no**";
                    targets.add(
                            "| identification 1M x 128, ms per query | <= 2x the fastest pass ("
                                    + (hasPass ? fmt(2 * pass, 1) : "-")
                                    + ") | "
                                    + (id == null ? "not run" : fmt(score(id), 1))
                                    + " | "
                                    + met
                                    + " |");
                }
                line(
                        "| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |",
                        size,
                        dim,
                        fmt(bytes / 1e6, 0),
                        orNotRun(id),
                        orNotRun(scalar),
                        orNotRun(one),
                        orNotRun(fp),
                        orNotRun(vp),
                        orNotRun(pp),
                        hasPass ? fmt(bytes / 1e9 / (pass / 1000), 1) : "-",
                        id == null || !hasPass ? "-" : fmt(score(id) / pass, 2) + "x",
                        target ? "<= 2x" : "none",
                        met);
            }
        }
        line("");
    }

    private static String orNotRun(JsonNode r) {
        return r == null ? "not run" : scoreErr(r, 3);
    }

    private void loading() {
        line("### Model loading and first call, ms");
        line("");
        line("| model | cold load (fresh JVM, single shot) | forks | warm load (avgt) |");
        line("|---|---:|---:|---:|");
        for (String m : List.of("mtcnn", "compact", "resnet50", "vgg16")) {
            JsonNode cold = find("ModelLoadingBenchmark.cold", Map.of("model", m));
            JsonNode warm = find("ModelLoadingBenchmark.warm", Map.of("model", m));
            line(
                    "| %s | %s | %s | %s |",
                    m,
                    cold == null ? "not run" : singleShot(cold),
                    cold == null ? "-" : cold.get("forks").asText(),
                    warm == null ? "not run" : scoreErr(warm, 1));
        }
        line("");
        line("| first call after loading (fresh JVM) | ms | forks | steady state (avgt) |");
        line("|---|---:|---:|---:|");
        JsonNode fd = find("FirstCallBenchmark.firstDetect", Map.of());
        JsonNode sd = find("DetectionBenchmark.detect", Map.of("size", "853x480"));
        JsonNode fe = find("FirstCallBenchmark.firstEmbed", Map.of());
        JsonNode se = find("EmbeddingBenchmark.embedBatch", Map.of("batch", "1"));
        line(
                "| MTCNN detect, 853x480 | %s | %s | %s |",
                fd == null ? "not run" : singleShot(fd),
                fd == null ? "-" : fd.get("forks").asText(),
                sd == null ? "not run" : scoreErr(sd, 1));
        line(
                "| compact embed, batch 1 | %s | %s | %s |",
                fe == null ? "not run" : singleShot(fe),
                fe == null ? "-" : fe.get("forks").asText(),
                se == null ? "not run" : scoreErr(se, 1));
        line("");
    }

    private void memory() throws IOException {
        line("### Resident memory (VmRSS / VmHWM of the process), MB");
        line("");
        line(
                "| run (fresh JVM) | RSS after loading + input | peak (VmHWM) | RSS after |"
                        + " peak - baseline | max heap |");
        line("|---|---:|---:|---:|---:|---:|");
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.sorted().toList()) {
                String n = f.getFileName().toString();
                if (!n.startsWith("memory-") || n.startsWith("memory-soak")) {
                    continue;
                }
                JsonNode m = json.readTree(f.toFile());
                JsonNode b = m.get("baseline");
                JsonNode a = m.get("after");
                String what =
                        m.get("mode").asText().equals("detect")
                                ? "detect " + m.get("size").asText()
                                : "embed "
                                        + m.get("model").asText()
                                        + ", batch "
                                        + m.get("batch").asText();
                line(
                        "| %s | %s | %s | %s | %s | %s |",
                        what,
                        fmt(b.get("VmRSSMb").asDouble(), 0),
                        fmt(a.get("VmHWMMb").asDouble(), 0),
                        fmt(a.get("VmRSSMb").asDouble(), 0),
                        fmt(a.get("VmHWMMb").asDouble() - b.get("VmRSSMb").asDouble(), 0),
                        m.get("maxHeapMb").asText());
            }
        }
        line("");
        soak();
    }

    private void soak() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.sorted().toList()) {
                if (!f.getFileName().toString().startsWith("memory-soak")) {
                    continue;
                }
                JsonNode m = json.readTree(f.toFile());
                line(
                        "Repeated detection of the %s photo (fixed pre-touched heap of %s MB):",
                        m.get("size").asText(), m.get("maxHeapMb").asText());
                line("");
                line("| detections | RSS MB | heap used MB | seconds |");
                line("|---:|---:|---:|---:|");
                double first = Double.NaN;
                double last = Double.NaN;
                for (JsonNode s : m.get("samples")) {
                    double rss = s.get("VmRSSMb").asDouble();
                    first = Double.isNaN(first) ? rss : first;
                    last = rss;
                    line(
                            "| %d | %s | %s | %s |",
                            s.get("detections").asInt(),
                            fmt(rss, 1),
                            fmt(s.get("heapUsedMb").asDouble(), 1),
                            fmt(s.get("seconds").asDouble(), 1));
                }
                double growth = last - first;
                targets.add(
                        String.format(
                                Locale.ROOT,
                                "| RSS after %d detections vs after 100 | growth < 5%% | %s MB"
                                        + " (%s%%) | %s |",
                                m.get("count").asInt(),
                                fmt(growth, 1),
                                fmt(100 * growth / first, 1),
                                growth < 0.05 * first ? "yes" : "**no**"));
                line("");
                line(
                        "RSS after %d detections minus after 100: %s MB (%s%%); target: no growth"
                                + " beyond noise (taken as < 5%%): %s.",
                        m.get("count").asInt(),
                        fmt(growth, 1),
                        fmt(100 * growth / first, 1),
                        growth < 0.05 * first ? "met" : "**not met**");
                line("");
            }
        }
    }

    private void targets() {
        line("### Targets");
        line("");
        line("| target | required | measured | met |");
        line("|---|---:|---:|---|");
        targets.forEach(this::line);
        line("| embedding per face (compact, VGGFace) | no external target | reported above | - |");
        line("");
    }

    private JsonNode readJson(String name) throws IOException {
        Path f = dir.resolve(name);
        return Files.isRegularFile(f) ? json.readTree(f.toFile()) : null;
    }

    /** Runs whose benchmark name contains {@code part}, in file order. */
    private List<JsonNode> select(String part) {
        return runs.stream().filter(r -> r.get("benchmark").asText().contains(part)).toList();
    }

    private JsonNode find(String part, Map<String, String> params) {
        for (JsonNode r : select(part)) {
            JsonNode p = r.get("params");
            boolean all = true;
            for (Map.Entry<String, String> e : params.entrySet()) {
                all &=
                        p != null
                                && p.has(e.getKey())
                                && p.get(e.getKey()).asText().equals(e.getValue());
            }
            if (all && r.get("benchmark").asText().endsWith("." + part)) {
                return r;
            }
        }
        return null;
    }

    private static double score(JsonNode r) {
        return r.get("primaryMetric").get("score").asDouble();
    }

    private static String scoreErr(JsonNode r, int digits) {
        JsonNode m = r.get("primaryMetric");
        double err = m.get("scoreError").asDouble();
        return fmt(m.get("score").asDouble(), digits)
                + (Double.isFinite(err) ? " ± " + fmt(err, digits) : "");
    }

    /** A single-shot score: the mean over forks, with the fastest and slowest fork. */
    private static String singleShot(JsonNode r) {
        double min = Double.MAX_VALUE;
        double max = 0;
        for (JsonNode fork : r.get("primaryMetric").get("rawData")) {
            for (JsonNode v : fork) {
                min = Math.min(min, v.asDouble());
                max = Math.max(max, v.asDouble());
            }
        }
        return fmt(score(r), 0) + " (" + fmt(min, 0) + "-" + fmt(max, 0) + ")";
    }

    private static String fmt(double v, int digits) {
        return String.format(Locale.ROOT, "%,." + digits + "f", v);
    }

    private void line(String format, Object... args) {
        md.append(args.length == 0 ? format : String.format(Locale.ROOT, format, args))
                .append('\n');
    }
}
