package dev.facekit.mtcnn;

import dev.facekit.detect.DetectedFace;
import dev.facekit.detect.FaceDetector;
import dev.facekit.geometry.BoundingBox;
import dev.facekit.geometry.Landmarks;
import dev.facekit.image.RgbImage;
import dev.facekit.internal.Forks;
import dev.facekit.internal.tf.SavedModelHandle;
import dev.facekit.model.ModelException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * MTCNN face detection (Zhang et al., 2016): a pyramid of the image through P-Net, the candidates
 * re-scored and refined by R-Net, then O-Net, which also places the five landmarks.
 *
 * <p>{@link #create()} uses the P-, R- and O-Net SavedModels bundled in this jar (generated from
 * the original MTCNN weights, see {@code mtcnn/README.md}); {@link #fromDirectories} loads your own
 * models with the same signatures. Results follow {@link FaceDetector}: boxes in pixels of the
 * upright image, clipped to it, sorted by confidence; landmarks in MTCNN order (viewer's left
 * first), not clipped, so a landmark of a face cut by the border may lie outside the image.
 *
 * <p><b>Thread-safe</b>: any number of threads may call {@link #detect} at once. One call runs the
 * pyramid's first level on the calling thread and its other levels as one task of the fork-join
 * pool the caller runs in (else the common pool), besides TensorFlow's own threads; it waits for
 * that task before it returns or throws. <b>The detector owns native models: close it</b>, for
 * example with try-with-resources:
 *
 * <pre>{@code
 * try (MtcnnDetector detector = MtcnnDetector.create()) {
 *     List<DetectedFace> faces = detector.detect(RgbImage.read(path));
 * }
 * }</pre>
 *
 * {@link #close()} waits for calls in flight; later calls throw {@link IllegalStateException}.
 */
public final class MtcnnDetector implements FaceDetector {

    private static final Logger LOG = LoggerFactory.getLogger(MtcnnDetector.class);

    private static final String RESOURCES = "/dev/facekit/mtcnn/";
    private static final int RNET_SIZE = 24;
    private static final int ONET_SIZE = 48;

    /**
     * Pixels of one P-Net band: bounds the intermediate tensors (10 floats per pixel, about 40 MB
     * for a band) on large photos; levels up to this size (a 1920x1080 photo's first level is
     * 748,000 pixels) run whole, since every band repeats 10 rows and costs a session run.
     */
    private static final int BAND_PIXELS = 1 << 20;

    /** The fewest rows of a band: the 12-row window plus 52 new output rows. */
    private static final int BAND_MIN_ROWS = 116;

    /** The most crops per R- or O-Net run: bounds the intermediate tensors of crowds. */
    static final int MAX_BATCH = 256;

    /**
     * The most pixels of a pyramid's first level: 2^27 (134 million), 3.7 times what a 100 MP photo
     * gives at the default minimum face. Tiny minimum face sizes upscale the image by {@code 12 /
     * minFaceSize}, and without a limit would ask P-Net for tensors past what TensorFlow can
     * address.
     */
    static final long MAX_LEVEL_PIXELS = 1L << 27;

    /** The widest pyramid level: a band of P-Net's first layer must stay far below 2^31 floats. */
    static final int MAX_LEVEL_WIDTH = 1 << 20;

    private final MtcnnNets nets;
    private final MtcnnOptions options;
    private final String source;
    // Held for reading by every call from its start to its end, for writing by close, so that
    // close waits for whole calls, not only for the session run in progress.
    private final ReentrantReadWriteLock lifetime = new ReentrantReadWriteLock();
    private boolean closed; // guarded by lifetime

    private MtcnnDetector(MtcnnNets nets, MtcnnOptions options, String source) {
        this.nets = nets;
        this.options = options;
        this.source = source;
    }

    /**
     * Returns a detector with the bundled models and {@link MtcnnOptions#DEFAULTS}.
     *
     * @return the detector, which the caller owns and must close
     * @throws ModelException if the bundled models cannot be loaded
     */
    public static MtcnnDetector create() {
        return create(MtcnnOptions.DEFAULTS);
    }

    /**
     * Returns a detector with the bundled models and the given options.
     *
     * @param options the detection settings
     * @return the detector, which the caller owns and must close
     * @throws ModelException if the bundled models cannot be loaded
     */
    public static MtcnnDetector create(MtcnnOptions options) {
        requireOptions(options);
        List<SavedModelHandle> loaded = new ArrayList<>(3);
        try {
            for (String net : List.of("pnet", "rnet", "onet")) {
                loaded.add(SavedModelHandle.loadResource(MtcnnDetector.class, RESOURCES + net));
            }
        } catch (RuntimeException e) {
            loaded.forEach(SavedModelHandle::close);
            throw e;
        }
        return of(loaded, options, "bundled models");
    }

    /**
     * Returns a detector with your own P-, R- and O-Net SavedModels. Each must have a {@code
     * serving_default} signature like the bundled ones: input {@code image} (float32 NHWC RGB in
     * [0, 255]), outputs {@code prob} and {@code regression}, and for O-Net {@code landmarks}.
     *
     * @param pnet the P-Net SavedModel directory
     * @param rnet the R-Net SavedModel directory
     * @param onet the O-Net SavedModel directory
     * @param options the detection settings
     * @return the detector, which the caller owns and must close
     * @throws ModelException if a directory holds no loadable SavedModel or a signature differs
     */
    public static MtcnnDetector fromDirectories(
            Path pnet, Path rnet, Path onet, MtcnnOptions options) {
        requireOptions(options);
        List<SavedModelHandle> loaded = new ArrayList<>(3);
        try {
            for (Path dir : List.of(pnet, rnet, onet)) {
                loaded.add(SavedModelHandle.load(dir));
            }
        } catch (RuntimeException e) {
            loaded.forEach(SavedModelHandle::close);
            throw e;
        }
        return of(loaded, options, pnet + ", " + rnet + ", " + onet);
    }

    private static MtcnnDetector of(List<SavedModelHandle> h, MtcnnOptions options, String source) {
        MtcnnNets nets = MtcnnNets.of(h.get(0), h.get(1), h.get(2));
        LOG.debug("MTCNN detector from {} with {}", source, options);
        return new MtcnnDetector(nets, options, source);
    }

    private static void requireOptions(MtcnnOptions options) {
        if (options == null) {
            throw new IllegalArgumentException("options must not be null");
        }
    }

    /** Returns the detection settings. */
    public MtcnnOptions options() {
        return options;
    }

    /**
     * {@inheritDoc}
     *
     * <p>A closed detector refuses the call even when the list is empty.
     */
    @Override
    public List<List<DetectedFace>> detectAll(List<RgbImage> images) {
        lifetime.readLock().lock();
        try {
            requireOpen();
            return FaceDetector.super.detectAll(images);
        } finally {
            lifetime.readLock().unlock();
        }
    }

    /**
     * {@inheritDoc}
     *
     * <p>An image whose shorter side, scaled by {@code 12 / minFaceSize}, is below {@code
     * minLevelSize} gives an empty list without running any net.
     *
     * @throws IllegalArgumentException if {@code image} is null, so large (about 700 million
     *     pixels) that its summed-area table would not fit in one Java array, or so small a minimum
     *     face size for its size that the pyramid's first level would exceed 2^27 pixels or 2^20
     *     pixels in width
     */
    @Override
    public List<DetectedFace> detect(RgbImage image) {
        return detect(image, null);
    }

    /**
     * Receives the wall time of each stage of one {@link #detect(RgbImage, StageListener)} call.
     * Package-private: the benchmarks module reaches it through its own class in this package.
     */
    interface StageListener {
        /**
         * Called once per detection that ran the nets, after the last stage.
         *
         * @param pnetNanos pyramid resampling, P-Net over every level, NMS, regression, squares
         * @param rnetNanos R-Net crops, run, threshold, NMS, regression, squares
         * @param onetNanos O-Net crops, run, threshold, landmarks, regression
         * @param postNanos the final "min" NMS, clipping and sorting into results
         * @param faces the number of faces returned
         */
        void stages(long pnetNanos, long rnetNanos, long onetNanos, long postNanos, int faces);
    }

    /** {@link #detect(RgbImage)}, reporting the stage times to {@code listener} if not null. */
    List<DetectedFace> detect(RgbImage image, StageListener listener) {
        if (image == null) {
            throw new IllegalArgumentException("image must not be null");
        }
        lifetime.readLock().lock();
        try {
            requireOpen();
            return run(image, listener);
        } finally {
            lifetime.readLock().unlock();
        }
    }

    private List<DetectedFace> run(RgbImage image, StageListener listener) {
        int w = image.width();
        int h = image.height();
        List<Double> scales = scales(w, h);
        if (scales.isEmpty()) {
            return List.of();
        }
        long lw = (long) (w * scales.get(0) + 1);
        long lh = (long) (h * scales.get(0) + 1);
        if (lw * lh > MAX_LEVEL_PIXELS || lw > MAX_LEVEL_WIDTH) {
            throw new IllegalArgumentException(
                    "minFaceSize "
                            + options.minFaceSize()
                            + " on a "
                            + w
                            + "x"
                            + h
                            + " image gives a first pyramid level of "
                            + lw
                            + "x"
                            + lh
                            + " pixels, over the limit of "
                            + MAX_LEVEL_PIXELS
                            + " pixels and "
                            + MAX_LEVEL_WIDTH
                            + " columns; use a larger minFaceSize");
        }
        long t0 = System.nanoTime();
        AreaResampler area = new AreaResampler(image);

        // Stage 1: P-Net over the pyramid, NMS per level and across levels, regression, squares.
        List<Candidate> boxes = proposals(area, w, h, scales);
        int proposed = boxes.size();
        long t1 = System.nanoTime();

        // Stage 2: R-Net re-scores 24 px crops of the squares, NMS, regression, squares.
        boxes = refine(area, w, h, boxes);
        int refined = boxes.size();
        long t2 = System.nanoTime();

        // Stage 3: O-Net scores 48 px crops, places landmarks, regression.
        boxes = output(area, w, h, boxes);
        long t3 = System.nanoTime();

        // Post-processing: "min" NMS, then clipped, sorted results.
        List<DetectedFace> faces = faces(Nms.min(boxes, options.onetNmsMinOverlap()), w, h);
        long t4 = System.nanoTime();
        if (LOG.isTraceEnabled()) {
            LOG.trace(
                    "{}x{}: {} levels, P-Net {} candidates in {} ms, R-Net {} in {} ms,"
                            + " O-Net {} in {} ms, {} faces",
                    w,
                    h,
                    scales.size(),
                    proposed,
                    (t1 - t0) / 1_000_000,
                    refined,
                    (t2 - t1) / 1_000_000,
                    boxes.size(),
                    (t3 - t2) / 1_000_000,
                    faces.size());
        }
        if (listener != null) {
            listener.stages(t1 - t0, t2 - t1, t3 - t2, t4 - t3, faces.size());
        }
        return faces;
    }

    /** Returns the pyramid scales, largest first, as the reference computes them (in double). */
    List<Double> scales(int w, int h) {
        // The options hold floats; their decimal values (0.709, not 0.70899999) give the
        // reference's scales, which decide level sizes and cell positions exactly.
        double minFace = Double.parseDouble(Float.toString(options.minFaceSize()));
        double factor = Double.parseDouble(Float.toString(options.scaleFactor()));
        double minLevel = Double.parseDouble(Float.toString(options.minLevelSize()));
        double m = 12.0 / minFace;
        double minl = Math.min(w, h) * m;
        double scale = m;
        List<Double> scales = new ArrayList<>();
        while (minl >= minLevel) {
            scales.add(scale);
            scale *= factor;
            minl *= factor;
        }
        return scales;
    }

    /**
     * P-Net over the pyramid. The first level (about half of the pyramid's pixels) runs on the
     * calling thread while the other levels run, in order, as one task of the fork-join pool the
     * caller runs in, else the common pool: TensorFlow spreads each operation over the cores, but
     * the many small operations of the smaller levels leave cores idle, which the concurrent first
     * level fills. The cells are gathered in level order, so the result is the same as running the
     * levels one after the other.
     */
    private List<Candidate> proposals(AreaResampler area, int w, int h, List<Double> scales) {
        List<Candidate> all = new ArrayList<>();
        if (scales.size() == 1) {
            all.addAll(levels(area, w, h, scales));
        } else {
            List<Supplier<List<Candidate>>> halves =
                    List.of(
                            () -> levels(area, w, h, scales.subList(0, 1)),
                            () -> levels(area, w, h, scales.subList(1, scales.size())));
            for (List<Candidate> cells : Forks.all(halves)) {
                all.addAll(cells);
            }
        }
        List<Candidate> kept = Nms.union(all, options.pyramidNmsIou());
        for (Candidate c : kept) {
            c.regressExclusive();
            c.square();
        }
        return kept;
    }

    /** Runs P-Net over the given levels, in order; returns each level's cells after its NMS. */
    private List<Candidate> levels(AreaResampler area, int w, int h, List<Double> scales) {
        List<Candidate> all = new ArrayList<>();
        for (double scale : scales) {
            int lh = (int) (h * scale + 1);
            int lw = (int) (w * scale + 1);
            long t0 = System.nanoTime();
            int bandRows = Math.max(BAND_MIN_ROWS, (BAND_PIXELS / lw) & ~1);
            List<Candidate> cells = levelCells(area, w, h, lw, lh, (float) scale, bandRows);
            long t1 = System.nanoTime();
            List<Candidate> kept = Nms.union(cells, options.levelNmsIou());
            all.addAll(kept);
            if (LOG.isTraceEnabled()) {
                LOG.trace(
                        "level {}x{}: P-Net {} ms, {} cells, {} after NMS in {} ms",
                        lw,
                        lh,
                        (t1 - t0) / 1_000_000,
                        cells.size(),
                        kept.size(),
                        (System.nanoTime() - t1) / 1_000_000);
            }
        }
        return all;
    }

    /**
     * Runs P-Net over one pyramid level in bands of {@code bandRows} rows (even, {@code >= 14}) and
     * returns the cells at or above the threshold, in image pixels. P-Net's output row {@code i}
     * sees input rows {@code [2i, 2i + 12)} only, so a band's rows whose window lies inside it
     * equal those of one run over the whole level; the last band also keeps the rows that see the
     * level's bottom padding, as the whole run does. Bands bound P-Net's intermediate tensors on
     * large images; the result is the same for every band height.
     */
    List<Candidate> levelCells(
            AreaResampler area, int w, int h, int lw, int lh, float scale, int bandRows) {
        List<Candidate> cells = new ArrayList<>();
        // The whole level's output has ceil((lh - 2) / 2) - 4 rows; the bands produce these.
        int outRows = (lh - 1) / 2 - 4;
        AreaResampler.Plan level = area.plan(0, 0, w, h, lw, lh);
        for (int r0 = 0; r0 / 2 < outRows; ) {
            boolean last = r0 + bandRows >= lh;
            int b = last ? lh - r0 : bandRows;
            int first = r0;
            MtcnnNets.PnetOut out = nets.pnet(b, lw, (y, row) -> level.row(first + y, row, 0));
            int exact = last ? out.height() : Math.min(out.height(), (b - 12) / 2 + 1);
            addCells(out, exact, r0 / 2, scale, cells);
            r0 = last ? lh : r0 + 2 * exact;
        }
        return cells;
    }

    /** Adds the first {@code rows} rows of P-Net cells at or above the threshold, in pixels. */
    private void addCells(
            MtcnnNets.PnetOut out, int rows, int rowOffset, float scale, List<Candidate> cells) {
        float threshold = options.pnetThreshold();
        // With logits, the sigmoid is only taken where it can reach the threshold: below the
        // threshold's logit (less a margin far wider than float rounding) it cannot.
        double minLogit =
                threshold <= 0f
                        ? Double.NEGATIVE_INFINITY
                        : threshold >= 1f ? 15.0 : Math.log(threshold / (1.0 - threshold)) - 1e-3;
        float[] score = out.score();
        for (int y = 0; y < rows; y++) {
            for (int x = 0; x < out.width(); x++) {
                int i = y * out.width() + x;
                float p;
                if (out.logits()) {
                    float d = score[i];
                    if (!(d >= minLogit)) {
                        continue;
                    }
                    p = sigmoid(d);
                } else {
                    p = score[i];
                }
                if (!(p >= threshold)) {
                    continue;
                }
                int gy = y + rowOffset;
                Candidate c =
                        new Candidate(
                                floor((2f * x + 1f) / scale),
                                floor((2f * gy + 1f) / scale),
                                floor((2f * x + 12f) / scale),
                                floor((2f * gy + 12f) / scale),
                                p);
                System.arraycopy(out.reg(), 4 * i, c.reg, 0, 4);
                cells.add(c);
            }
        }
    }

    private List<Candidate> refine(AreaResampler area, int w, int h, List<Candidate> boxes) {
        if (boxes.isEmpty()) {
            return boxes;
        }
        Crops crops = Crops.cut(area, w, h, boxes, RNET_SIZE);
        if (crops.boxes.isEmpty()) {
            return crops.boxes;
        }
        MtcnnNets.CropOut out = nets.rnet(crops.pixels, crops.boxes.size());
        List<Candidate> passed = new ArrayList<>();
        for (int i = 0; i < crops.boxes.size(); i++) {
            if (out.prob()[i] > options.rnetThreshold()) {
                Candidate c = crops.boxes.get(i);
                c.score = out.prob()[i];
                System.arraycopy(out.reg(), 4 * i, c.reg, 0, 4);
                passed.add(c);
            }
        }
        List<Candidate> kept = Nms.union(passed, options.rnetNmsIou());
        for (Candidate c : kept) {
            c.regressInclusive();
            c.square();
        }
        return kept;
    }

    private List<Candidate> output(AreaResampler area, int w, int h, List<Candidate> boxes) {
        if (boxes.isEmpty()) {
            return boxes;
        }
        Crops crops = Crops.cut(area, w, h, boxes, ONET_SIZE);
        if (crops.boxes.isEmpty()) {
            return crops.boxes;
        }
        MtcnnNets.CropOut out = nets.onet(crops.pixels, crops.boxes.size());
        List<Candidate> passed = new ArrayList<>();
        for (int i = 0; i < crops.boxes.size(); i++) {
            if (out.prob()[i] > options.onetThreshold()) {
                Candidate c = crops.boxes.get(i);
                c.score = out.prob()[i];
                System.arraycopy(out.reg(), 4 * i, c.reg, 0, 4);
                c.landmarks = landmarks(c, out.landmarks(), i);
                c.regressInclusive();
                passed.add(c);
            }
        }
        return passed;
    }

    /** O-Net's landmarks are fractions of the inclusive size of the box it was given. */
    private static float[] landmarks(Candidate c, float[] rel, int i) {
        float bw = c.x2 - c.x1 + 1;
        float bh = c.y2 - c.y1 + 1;
        float[] xy = new float[10];
        for (int k = 0; k < 5; k++) {
            xy[2 * k] = bw * rel[10 * i + k] + c.x1 - 1;
            xy[2 * k + 1] = bh * rel[10 * i + 5 + k] + c.y1 - 1;
        }
        return xy;
    }

    /** Clips the boxes, drops those left without area, and sorts by confidence. */
    private static List<DetectedFace> faces(List<Candidate> boxes, int w, int h) {
        List<DetectedFace> faces = new ArrayList<>(boxes.size());
        for (Candidate c : boxes) {
            float x1 = clamp(c.x1, w);
            float y1 = clamp(c.y1, h);
            float x2 = clamp(c.x2, w);
            float y2 = clamp(c.y2, h);
            if (!(x2 > x1 && y2 > y1) || !finite(c.landmarks)) {
                continue;
            }
            BoundingBox box = BoundingBox.ofCorners(x1, y1, x2, y2);
            float confidence = Math.max(0f, Math.min(1f, c.score));
            faces.add(new DetectedFace(box, confidence, Landmarks.of(c.landmarks)));
        }
        faces.sort(Comparator.comparingDouble((DetectedFace f) -> f.confidence()).reversed());
        return List.copyOf(faces);
    }

    private static boolean finite(float[] values) {
        for (float v : values) {
            if (!Float.isFinite(v)) {
                return false;
            }
        }
        return true;
    }

    private static float clamp(float v, int max) {
        return Math.max(0f, Math.min(max, v));
    }

    /** The logistic function in double precision, rounded once to float. */
    static float sigmoid(float d) {
        return (float) (1.0 / (1.0 + Math.exp(-(double) d)));
    }

    private static float floor(float v) {
        return (float) Math.floor(v);
    }

    /** Releases the three models; waits for calls in flight. Closing twice does nothing. */
    @Override
    public void close() {
        lifetime.writeLock().lock();
        try {
            closed = true;
            nets.close();
        } finally {
            lifetime.writeLock().unlock();
        }
    }

    @Override
    public String toString() {
        return "MtcnnDetector[" + source + ", " + options + "]";
    }

    // Called with the lifetime lock held.
    private void requireOpen() {
        if (closed || nets.isClosed()) {
            throw new IllegalStateException("MTCNN detector (" + source + ") is closed");
        }
    }
}
