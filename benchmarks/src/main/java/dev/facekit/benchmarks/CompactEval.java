package dev.facekit.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.facekit.align.AlignmentTemplate;
import dev.facekit.align.LandmarkAligner;
import dev.facekit.detect.DetectedFace;
import dev.facekit.embed.Embedding;
import dev.facekit.embed.Metric;
import dev.facekit.embed.Threshold;
import dev.facekit.eval.PairList;
import dev.facekit.eval.PairScorer;
import dev.facekit.eval.VerificationPair;
import dev.facekit.eval.VerificationReport;
import dev.facekit.eval.VerificationScores;
import dev.facekit.geometry.Landmarks;
import dev.facekit.image.RgbImage;
import dev.facekit.mtcnn.MtcnnDetector;
import dev.facekit.vggface.ModelDescriptor.TemplateCrop;
import dev.facekit.vggface.SavedModelEmbedder;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Verification of the bundled compact embedder on the shared data's pair lists, and the fit of its
 * alignment template.
 *
 * <p>The pipeline per photo: decode, take the primary face's five landmarks, align onto the
 * template, embed. Landmarks come from the reference MTCNN output ({@code
 * faces/reference/mtcnn.json}; the primary face is the one with the largest box area less twice the
 * squared distance of its centre from the image centre). A photo without a face makes its pairs
 * count as wrong.
 *
 * <pre>
 * CompactEval report [--data DIR] [--template SCALE,DX,DY] [--pairs FILE,...]
 * CompactEval fit    [--data DIR] [--fit FILE] [--pairs FILE,...]
 * </pre>
 *
 * <p>Templates are given as an adjustment of dlib's template ({@link AlignmentTemplate#DLIB_150}):
 * scale about the chip centre, then shift right and down in chip pixels. Without {@code
 * --template}, {@code report} uses the template of the bundled descriptor. {@code fit} searches
 * scale, then vertical, then horizontal shift, then refines scale and vertical shift, maximising
 * the best-threshold accuracy (ties: AUC) on the {@code --fit} list only, then reports every list
 * with the fitted template and the fit list's best threshold. {@code crossfit} repeats the whole
 * fit K times, each time on all folds but one, and measures the held-out fold.
 */
public final class CompactEval {

    private static final int BATCH = 32;

    private final Path faces;
    private final Map<String, Landmarks> landmarks;
    private final SavedModelEmbedder embedder;
    private final MtcnnDetector detector;
    private final Set<String> detected = new HashSet<>();
    private final Map<AlignmentTemplate, Map<String, Optional<Embedding>>> cache = new HashMap<>();

    private CompactEval(Path faces, SavedModelEmbedder embedder, MtcnnDetector detector)
            throws IOException {
        this.faces = faces.toAbsolutePath().normalize();
        this.landmarks =
                detector == null
                        ? referenceLandmarks(faces.resolve("reference/mtcnn.json"))
                        : new HashMap<>();
        this.embedder = embedder;
        this.detector = detector;
    }

    /**
     * Runs the tool.
     *
     * @param args see the class documentation
     * @throws IOException if a data file cannot be read
     */
    public static void main(String[] args) throws IOException {
        Map<String, String> opts = new HashMap<>();
        String mode = args.length > 0 ? args[0] : "report";
        for (int i = 1; i + 1 < args.length; i += 2) {
            opts.put(args[i], args[i + 1]);
        }
        Path data = Path.of(opts.getOrDefault("--data", "../shared/data"));
        List<String> lists =
                List.of(
                        opts.getOrDefault(
                                        "--pairs",
                                        "verification/lfw_pairs_devtest.csv,verification/pairs.csv")
                                .split(","));
        String source = opts.getOrDefault("--landmarks", "reference");
        if (!source.equals("reference") && !source.equals("mtcnn")) {
            throw new IllegalArgumentException(
                    "--landmarks must be reference or mtcnn, got " + source);
        }
        try (SavedModelEmbedder embedder = SavedModelEmbedder.compact();
                MtcnnDetector detector = source.equals("mtcnn") ? MtcnnDetector.create() : null) {
            System.out.println("landmarks: " + source);
            CompactEval eval = new CompactEval(data.resolve("faces"), embedder, detector);
            if (mode.equals("crossfit")) {
                eval.crossfit(
                        opts.getOrDefault("--fit", "verification/lfw_pairs_devtest.csv"),
                        Integer.parseInt(opts.getOrDefault("--folds", "10")));
            } else if (mode.equals("fit")) {
                Threshold dlib = new Threshold(Metric.EUCLIDEAN, 0.6, "dlib's usual threshold");
                System.out.println("baseline: dlib's template, Euclidean 0.6");
                for (String list : lists) {
                    eval.report(list, AlignmentTemplate.DLIB_150, dlib);
                }
                for (String fit : opts.getOrDefault("--fit", "verification/pairs.csv").split(",")) {
                    eval.fit(fit, lists);
                }
            } else {
                AlignmentTemplate t =
                        opts.containsKey("--template")
                                ? adjusted(opts.get("--template"))
                                : ((TemplateCrop) embedder.descriptor().crop()).template();
                for (String list : lists) {
                    eval.report(list, t, embedder.defaultThreshold());
                }
            }
        }
    }

    private static AlignmentTemplate adjusted(String spec) {
        String[] p = spec.split(",");
        return AlignmentTemplate.DLIB_150.adjusted(
                Float.parseFloat(p[0]), Float.parseFloat(p[1]), Float.parseFloat(p[2]));
    }

    /** A candidate template as an adjustment of dlib's. */
    private record Candidate(float scale, float dx, float dy) {
        AlignmentTemplate template() {
            return AlignmentTemplate.DLIB_150.adjusted(scale, dx, dy);
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "scale %.3f dx %+.1f dy %+.1f", scale, dx, dy);
        }
    }

    private record Fitness(double best, double threshold, double auc) {
        boolean beats(Fitness o) {
            return best > o.best || (best == o.best && auc > o.auc);
        }
    }

    private void fit(String fitList, List<String> lists) {
        PairList pairs = PairList.read(faces.resolve(fitList).toAbsolutePath());
        Map<Candidate, Fitness> tried = new LinkedHashMap<>();
        Candidate best = searchAll(pairs, tried);
        Fitness f = tried.get(best);
        System.out.printf(
                Locale.ROOT,
                "fitted on %s: %s, best accuracy %.4f at Euclidean %.4f, AUC %.5f%n",
                fitList,
                best,
                f.best(),
                f.threshold(),
                f.auc());
        System.out.printf(
                Locale.ROOT, "template points: %s%n", best.template().landmarks().points());
        Threshold fitted =
                new Threshold(
                        Metric.EUCLIDEAN,
                        Math.round(f.threshold() * 1000) / 1000.0,
                        "best threshold on " + fitList);
        for (String list : lists) {
            report(list, best.template(), fitted);
        }
    }

    /** The coordinate search of the class documentation. */
    private Candidate searchAll(PairList pairs, Map<Candidate, Fitness> tried) {
        Candidate best = new Candidate(1f, 0f, 0f);
        best =
                search(
                        pairs,
                        tried,
                        best,
                        new float[] {1.00f, 1.04f, 1.08f, 1.12f, 1.16f, 1.20f},
                        null,
                        null);
        best = search(pairs, tried, best, null, null, new float[] {-2, 0, 2, 4, 6});
        best = search(pairs, tried, best, null, new float[] {-2, -1, 0, 1, 2}, null);
        float s = best.scale();
        float dy = best.dy();
        best = search(pairs, tried, best, new float[] {s - 0.02f, s, s + 0.02f}, null, null);
        return search(pairs, tried, best, null, null, new float[] {dy - 1, dy, dy + 1});
    }

    /**
     * k-fold check of the whole fit: for each fold, the template and threshold are fitted on the
     * other folds only and applied to this fold (stratified consecutive blocks, as core's k-fold).
     */
    private void crossfit(String list, int k) {
        PairList all = PairList.read(faces.resolve(list).toAbsolutePath());
        int[] fold = new int[all.size()];
        long sameTotal = all.pairs().stream().filter(VerificationPair::same).count();
        long diffTotal = all.size() - sameTotal;
        int sameSeen = 0;
        int diffSeen = 0;
        for (int i = 0; i < fold.length; i++) {
            fold[i] =
                    all.pairs().get(i).same()
                            ? (int) (sameSeen++ * (long) k / sameTotal)
                            : (int) (diffSeen++ * (long) k / diffTotal);
        }
        double correctFitted = 0;
        double correct06 = 0;
        double correctBaseline = 0;
        for (int f = 0; f < k; f++) {
            List<VerificationPair> train = new ArrayList<>();
            List<VerificationPair> test = new ArrayList<>();
            for (int i = 0; i < fold.length; i++) {
                (fold[i] == f ? test : train).add(all.pairs().get(i));
            }
            PairList trainList = new PairList(all.source(), train);
            PairList testList = new PairList(all.source(), test);
            Map<Candidate, Fitness> tried = new LinkedHashMap<>();
            Candidate best = searchAll(trainList, tried);
            double t = Math.round(tried.get(best).threshold() * 1000) / 1000.0;
            VerificationScores ts = score(testList, best.template(), Metric.EUCLIDEAN);
            VerificationScores base = score(testList, AlignmentTemplate.DLIB_150, Metric.EUCLIDEAN);
            correctFitted += ts.accuracy(t) * test.size();
            correct06 += ts.accuracy(0.6) * test.size();
            correctBaseline += base.accuracy(0.6) * test.size();
            System.out.printf(
                    Locale.ROOT,
                    "fold %d: fitted %s, threshold %.3f; held out %d pairs: %.2f%% at the"
                            + " threshold, %.2f%% at 0.6; dlib's template %.2f%% at 0.6%n",
                    f,
                    best,
                    t,
                    test.size(),
                    100 * ts.accuracy(t),
                    100 * ts.accuracy(0.6),
                    100 * base.accuracy(0.6));
        }
        System.out.printf(
                Locale.ROOT,
                "%d-fold held-out accuracy on %s: %.2f%% at the fitted threshold, %.2f%% at 0.6;"
                        + " dlib's template %.2f%% at 0.6%n",
                k,
                list,
                100 * correctFitted / all.size(),
                100 * correct06 / all.size(),
                100 * correctBaseline / all.size());
    }

    private Candidate search(
            PairList pairs,
            Map<Candidate, Fitness> tried,
            Candidate from,
            float[] scales,
            float[] dxs,
            float[] dys) {
        Candidate best = from;
        int n =
                Math.max(
                        scales == null ? 0 : scales.length,
                        Math.max(dxs == null ? 0 : dxs.length, dys == null ? 0 : dys.length));
        for (int i = 0; i < n; i++) {
            Candidate c =
                    new Candidate(
                            scales == null ? from.scale() : scales[i],
                            dxs == null ? from.dx() : dxs[i],
                            dys == null ? from.dy() : dys[i]);
            Fitness f = tried.computeIfAbsent(c, k -> fitness(pairs, k));
            if (!tried.containsKey(best) || f.beats(tried.get(best))) {
                best = c;
            }
        }
        return best;
    }

    private Fitness fitness(PairList pairs, Candidate c) {
        VerificationScores s = score(pairs, c.template(), Metric.EUCLIDEAN);
        var b = s.bestThreshold();
        Fitness f = new Fitness(b.accuracy(), b.threshold(), s.auc());
        System.out.printf(
                Locale.ROOT,
                "  %s: best %.4f at %.4f, AUC %.5f, at 0.6 %.4f%n",
                c,
                f.best(),
                f.threshold(),
                f.auc(),
                s.accuracy(0.6));
        return f;
    }

    private void report(String list, AlignmentTemplate t, Threshold threshold) {
        PairList pairs = PairList.read(faces.resolve(list).toAbsolutePath());
        Map<String, Embedding> embeddings = embedAll(files(pairs), t);
        VerificationScores euclid = score(pairs, embeddings, Metric.EUCLIDEAN);
        VerificationScores cosine = score(pairs, embeddings, Metric.COSINE);
        VerificationReport r = VerificationReport.of(euclid, threshold, 10);
        var cos = cosine.bestThreshold();
        System.out.printf(
                Locale.ROOT,
                "%s (%d pairs, %d missing): accuracy %.2f%% at Euclidean %.3f, %.2f%% at 0.6;"
                        + " best %.2f%% at %.4f; 10-fold %.2f%% (std %.2f); AUC %.4f; EER %.4f;"
                        + " TAR %.1f%% at FAR 1e-2, %.1f%% at FAR 1e-3; cosine best %.2f%% at"
                        + " %.4f%n",
                list,
                r.pairs(),
                r.missing(),
                100 * r.accuracy(),
                r.threshold(),
                100 * euclid.accuracy(0.6),
                100 * r.bestAccuracy(),
                r.bestThreshold(),
                100 * r.foldAccuracy(),
                100 * r.foldAccuracyStd(),
                r.auc(),
                r.eer(),
                100 * r.tarAtFar1e2(),
                100 * r.tarAtFar1e3(),
                100 * cos.accuracy(),
                cos.threshold());
    }

    private VerificationScores score(PairList pairs, AlignmentTemplate t, Metric metric) {
        return score(pairs, embedAll(files(pairs), t), metric);
    }

    private VerificationScores score(
            PairList pairs, Map<String, Embedding> embeddings, Metric metric) {
        Path root = pairs.source().getParent();
        PairScorer scorer =
                new PairScorer(
                        root,
                        p -> Optional.ofNullable(embeddings.get(faces.relativize(p).toString())));
        return scorer.score(pairs, metric).scores();
    }

    /** Photo keys relative to {@code faces/}; list entries may also be absolute paths. */
    private Set<String> files(PairList pairs) {
        Path root = pairs.source().getParent();
        Set<String> files = new LinkedHashSet<>();
        for (VerificationPair p : pairs.pairs()) {
            files.add(key(root.resolve(p.fileA())));
            files.add(key(root.resolve(p.fileB())));
        }
        return files;
    }

    private String key(Path photo) {
        return faces.relativize(photo.toAbsolutePath().normalize()).toString();
    }

    /** Detects every photo not yet detected with FaceKit's MTCNN and keeps its primary face. */
    private void detect(Set<String> files) {
        for (String f : files) {
            if (detector == null || !detected.add(f) || !faces.resolve(f).toFile().isFile()) {
                continue;
            }
            RgbImage image = RgbImage.read(faces.resolve(f));
            DetectedFace best = null;
            double bestScore = Double.NEGATIVE_INFINITY;
            for (DetectedFace face : detector.detect(image)) {
                double score =
                        primaryScore(
                                face.box().x(),
                                face.box().y(),
                                face.box().width(),
                                face.box().height(),
                                image.width(),
                                image.height());
                if (score > bestScore) {
                    bestScore = score;
                    best = face;
                }
            }
            if (best != null) {
                landmarks.put(f, best.landmarks());
            }
        }
    }

    /** The data README's primary-face rule: box area less twice the squared centre offset. */
    private static double primaryScore(
            double x, double y, double w, double h, double width, double height) {
        double dx = x + w / 2 - width / 2;
        double dy = y + h / 2 - height / 2;
        return w * h - 2 * (dx * dx + dy * dy);
    }

    /**
     * Aligns and embeds the primary face of every photo, in batches; no face, no entry. Results are
     * kept per template, so that each photo is embedded once per template in a run.
     */
    private Map<String, Embedding> embedAll(Set<String> files, AlignmentTemplate t) {
        detect(files);
        Map<String, Optional<Embedding>> done = cache.computeIfAbsent(t, k -> new HashMap<>());
        LandmarkAligner aligner = new LandmarkAligner(t);
        List<String> names = new ArrayList<>();
        List<RgbImage> chips = new ArrayList<>();
        for (Iterator<String> it = files.iterator(); it.hasNext(); ) {
            String f = it.next();
            if (!done.containsKey(f)) {
                Landmarks l = landmarks.get(f);
                if (l != null && faces.resolve(f).toFile().isFile()) {
                    names.add(f);
                    chips.add(aligner.align(RgbImage.read(faces.resolve(f)), l));
                } else {
                    done.put(f, Optional.empty());
                }
            }
            if (chips.size() == BATCH || (!it.hasNext() && !chips.isEmpty())) {
                List<Embedding> e = embedder.embedChips(chips);
                for (int i = 0; i < e.size(); i++) {
                    done.put(names.get(i), Optional.of(e.get(i)));
                }
                names.clear();
                chips.clear();
            }
        }
        Map<String, Embedding> out = new HashMap<>();
        for (String f : files) {
            done.get(f).ifPresent(e -> out.put(f, e));
        }
        return out;
    }

    /** The primary face's landmarks of every photo in the reference MTCNN output. */
    static Map<String, Landmarks> referenceLandmarks(Path mtcnnJson) throws IOException {
        JsonNode root = new ObjectMapper().readTree(mtcnnJson.toFile());
        Map<String, Landmarks> out = new HashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            double width = e.getValue().get("width").asDouble();
            double height = e.getValue().get("height").asDouble();
            JsonNode best = null;
            double bestScore = Double.NEGATIVE_INFINITY;
            for (JsonNode face : e.getValue().get("faces")) {
                JsonNode b = face.get("box");
                double score =
                        primaryScore(
                                b.get(0).asDouble(),
                                b.get(1).asDouble(),
                                b.get(2).asDouble(),
                                b.get(3).asDouble(),
                                width,
                                height);
                if (score > bestScore) {
                    bestScore = score;
                    best = face;
                }
            }
            if (best != null) {
                float[] xy = new float[10];
                for (int i = 0; i < 5; i++) {
                    xy[2 * i] = (float) best.get("landmarks").get(i).get(0).asDouble();
                    xy[2 * i + 1] = (float) best.get("landmarks").get(i).get(1).asDouble();
                }
                out.put(e.getKey(), Landmarks.of(xy));
            }
        }
        return out;
    }
}
