package dev.facekit.eval;

import dev.facekit.embed.Metric;
import dev.facekit.embed.Threshold;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.TreeSet;
import java.util.stream.IntStream;

/**
 * Verification metrics computed from scored pairs: accuracy at a threshold, the best threshold,
 * k-fold accuracy, the ROC curve, its AUC, the EER, TAR at a given FAR, and the threshold that
 * meets a target FAR.
 *
 * <p>A pair is accepted as "same" when its distance is {@code <= threshold}. Missing pairs (a face
 * was not found) count as wrong in every accuracy (their denominator is all pairs) and are left out
 * of the ROC curve and everything derived from it (AUC, EER, TAR, FAR, calibration); {@link
 * #missing()} says how many there are. The exact definitions are in {@code core/EVALUATION.md}.
 *
 * <p>Metrics that need both classes (ROC, AUC, EER, TAR at FAR, calibration) throw {@link
 * IllegalArgumentException} when there is no same or no different pair with a distance: they are
 * undefined there, and a number such as 0.5 would hide the problem. Accuracies are defined for one
 * class too.
 *
 * <p>Immutable and thread-safe.
 */
public final class VerificationScores {

    private final Metric metric;
    private final List<ScoredPair> pairs;
    private final int[] order;
    private final double[] distances;
    private final boolean[] labels;
    private final int same;
    private final int different;

    private VerificationScores(Metric metric, List<ScoredPair> pairs) {
        this.metric = metric;
        this.pairs = pairs;

        // The pairs with a distance, sorted by distance (ties keep list order)
        this.order =
                IntStream.range(0, pairs.size())
                        .filter(i -> !pairs.get(i).isMissing())
                        .boxed()
                        .sorted(Comparator.comparingDouble(i -> pairs.get(i).distance()))
                        .mapToInt(Integer::intValue)
                        .toArray();
        this.distances = new double[order.length];
        this.labels = new boolean[order.length];
        int s = 0;
        for (int k = 0; k < order.length; k++) {
            distances[k] = pairs.get(order[k]).distance();
            labels[k] = pairs.get(order[k]).same();
            s += labels[k] ? 1 : 0;
        }
        this.same = s;
        this.different = order.length - s;
    }

    /**
     * Returns the metrics of the given pairs.
     *
     * @param metric the metric the distances were measured with
     * @param pairs the scored pairs, at least one; either all or none with a fold
     * @return the scores
     * @throws IllegalArgumentException if the list is empty or only some pairs have a fold
     */
    public static VerificationScores of(Metric metric, List<ScoredPair> pairs) {
        if (metric == null) {
            throw new IllegalArgumentException("metric must not be null");
        }
        List<ScoredPair> copy = List.copyOf(pairs);
        if (copy.isEmpty()) {
            throw new IllegalArgumentException("no pairs to evaluate");
        }
        long withFold = copy.stream().filter(p -> p.fold() != VerificationPair.NO_FOLD).count();
        if (withFold != 0 && withFold != copy.size()) {
            throw new IllegalArgumentException(
                    "either all pairs or none must have a fold, found "
                            + withFold
                            + " of "
                            + copy.size());
        }
        return new VerificationScores(metric, copy);
    }

    /** Returns the metric of the distances. */
    public Metric metric() {
        return metric;
    }

    /** Returns the pairs in their original order. */
    public List<ScoredPair> pairs() {
        return pairs;
    }

    /**
     * Returns the number of folds the pairs carry from their pair list, if they carry folds: the
     * only {@code k} that {@link #kFold(int)} accepts then.
     *
     * @return the number of distinct folds, or empty when the pairs have none
     */
    public OptionalInt givenFolds() {
        if (pairs.get(0).fold() == VerificationPair.NO_FOLD) {
            return OptionalInt.empty();
        }
        return OptionalInt.of((int) pairs.stream().mapToInt(ScoredPair::fold).distinct().count());
    }

    /** Returns the number of pairs, missing ones included. */
    public int size() {
        return pairs.size();
    }

    /** Returns the number of pairs where a face was missing. */
    public int missing() {
        return pairs.size() - order.length;
    }

    /** Returns the number of same pairs that have a distance. */
    public int sameCount() {
        return same;
    }

    /** Returns the number of different pairs that have a distance. */
    public int differentCount() {
        return different;
    }

    /** Returns the distances of the same pairs, ascending (missing pairs left out). */
    public double[] sameDistances() {
        return distancesOf(true);
    }

    /** Returns the distances of the different pairs, ascending (missing pairs left out). */
    public double[] differentDistances() {
        return distancesOf(false);
    }

    /**
     * Returns the accuracy at a threshold: pairs decided correctly (same pairs at distance {@code
     * <= threshold}, different pairs above it) divided by all pairs, missing ones included.
     *
     * @param threshold the distance threshold
     * @return the accuracy, in [0, 1]
     */
    public double accuracy(double threshold) {
        int correct = 0;
        for (int k = 0; k < distances.length; k++) {
            correct += (distances[k] <= threshold) == labels[k] ? 1 : 0;
        }
        return correct / (double) pairs.size();
    }

    /**
     * Returns the threshold with the highest accuracy and that accuracy. Among thresholds with the
     * same accuracy the smallest wins; the threshold is the midpoint between the largest accepted
     * and the smallest rejected distance (the largest distance when all are accepted, just below
     * the smallest when none is).
     *
     * @return the best threshold and its accuracy
     * @throws IllegalArgumentException if no pair has a distance
     */
    public ThresholdAccuracy bestThreshold() {
        return best(distances, labels, pairs.size());
    }

    /**
     * Returns the k-fold accuracy: for each fold the best threshold ({@link #bestThreshold()}) is
     * chosen on the pairs of the other folds and applied to the pairs of this fold.
     *
     * <p>When the pairs carry folds (from the pair list), those are used and {@code k} must equal
     * their number. Otherwise folds are assigned as stratified consecutive blocks: the j-th same
     * pair (in list order, missing ones included) of {@code S} same pairs goes to fold {@code
     * floor(j * k / S)}, and likewise for the different pairs.
     *
     * @param k the number of folds, {@code >= 2}
     * @return the per-fold accuracies, their mean and population standard deviation
     * @throws IllegalArgumentException if {@code k} is below 2, differs from the pairs' own number
     *     of folds, leaves a fold empty, or a fold's training pairs have no distance
     */
    public FoldAccuracy kFold(int k) {
        int[] fold = assignFolds(k);
        List<Double> accuracies = new ArrayList<>();
        List<Double> thresholds = new ArrayList<>();
        for (int f = 0; f < k; f++) {
            double t = best(trainingDistances(fold, f), trainingLabels(fold, f), 1).threshold();
            thresholds.add(t);
            accuracies.add(foldAccuracy(fold, f, t));
        }
        double mean = accuracies.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        double var = accuracies.stream().mapToDouble(a -> (a - mean) * (a - mean)).sum() / k;
        return new FoldAccuracy(k, mean, Math.sqrt(var), accuracies, thresholds);
    }

    /**
     * Returns the ROC curve over the pairs with a distance: one point just below the smallest
     * distance (FAR 0, TAR 0), then one point at each distinct distance, ending at FAR 1, TAR 1.
     * Thresholds ascend; tied distances form a single step.
     *
     * @return the points, at least two
     * @throws IllegalArgumentException if there is no same or no different pair with a distance
     */
    public List<OperatingPoint> roc() {
        requireBothClasses("the ROC curve");
        List<OperatingPoint> points = new ArrayList<>();
        points.add(new OperatingPoint(Math.nextDown(distances[0]), 0, 0));
        int acceptedSame = 0;
        int acceptedDifferent = 0;
        for (int k = 0; k < distances.length; k++) {
            acceptedSame += labels[k] ? 1 : 0;
            acceptedDifferent += labels[k] ? 0 : 1;
            if (k + 1 == distances.length || distances[k + 1] != distances[k]) {
                points.add(
                        new OperatingPoint(
                                distances[k],
                                acceptedDifferent / (double) different,
                                acceptedSame / (double) same));
            }
        }
        return points;
    }

    /**
     * Returns the area under the ROC curve, by the trapezoid rule over {@link #roc()}: the
     * probability that a random same pair has a smaller distance than a random different pair, ties
     * counting one half.
     *
     * @return the AUC, in [0, 1]
     * @throws IllegalArgumentException if there is no same or no different pair with a distance
     */
    public double auc() {
        List<OperatingPoint> roc = roc();
        double area = 0;
        for (int i = 1; i < roc.size(); i++) {
            OperatingPoint a = roc.get(i - 1);
            OperatingPoint b = roc.get(i);
            area += (b.far() - a.far()) * (a.tar() + b.tar()) / 2;
        }
        return area;
    }

    /**
     * Returns the equal error rate: the rate where the ROC curve, drawn as straight segments
     * between the points of {@link #roc()}, crosses the line FAR = 1 - TAR (false accept rate =
     * false reject rate).
     *
     * @return the EER, in [0, 1]
     * @throws IllegalArgumentException if there is no same or no different pair with a distance
     */
    public double eer() {
        List<OperatingPoint> roc = roc();
        for (int i = 1; i < roc.size(); i++) {
            OperatingPoint a = roc.get(i - 1);
            OperatingPoint b = roc.get(i);
            double da = a.far() - (1 - a.tar());
            double db = b.far() - (1 - b.tar());
            if (db >= 0) {
                double s = da == db ? 1 : -da / (db - da);
                return a.far() + s * (b.far() - a.far());
            }
        }
        throw new IllegalStateException("ROC curve does not reach FAR 1"); // cannot happen
    }

    /**
     * Returns the operating point with the largest TAR whose FAR is at most the target: the ROC
     * point with the largest threshold such that FAR {@code <=} target. Its threshold is the
     * largest accepted distance (just below the smallest distance when even FAR 0 needs to reject
     * every pair). With D different pairs, the smallest FAR above 0 is 1/D.
     *
     * @param targetFar the largest acceptable false accept rate, in [0, 1]
     * @return the threshold, its FAR and its TAR
     * @throws IllegalArgumentException if the target is outside [0, 1], or there is no same or no
     *     different pair with a distance
     */
    public OperatingPoint tarAtFar(double targetFar) {
        if (!(targetFar >= 0 && targetFar <= 1)) {
            throw new IllegalArgumentException("target FAR must be in [0, 1], got " + targetFar);
        }
        OperatingPoint chosen = null;
        for (OperatingPoint p : roc()) {
            if (p.far() <= targetFar) {
                chosen = p;
            }
        }
        return chosen;
    }

    /**
     * Returns the threshold that meets a target FAR on these pairs ({@link #tarAtFar(double)}), as
     * a {@link Threshold} whose source names the data, the pair counts and the rates reached.
     *
     * @param targetFar the largest acceptable false accept rate, in [0, 1]
     * @param data a short name of the pairs, for example "LFW dev-test pairs"
     * @return the calibrated threshold
     * @throws IllegalArgumentException as {@link #tarAtFar(double)}, or if the threshold would be
     *     negative (the smallest distance is 0 and is a different pair)
     */
    public Threshold calibrate(double targetFar, String data) {
        OperatingPoint p = tarAtFar(targetFar);
        String source =
                String.format(
                        Locale.ROOT,
                        "calibrated at FAR <= %s on %s (%d same, %d different pairs):"
                                + " TAR %.4f at FAR %.4f",
                        targetFar,
                        data,
                        same,
                        different,
                        p.tar(),
                        p.far());
        return new Threshold(metric, p.threshold(), source);
    }

    /**
     * Returns the fold of each pair (in list order) for {@code k}-fold cross-validation, numbered 0
     * to k-1, as {@link #kFold(int)} uses them.
     *
     * @param k the number of folds, {@code >= 2}
     * @return the fold of each pair
     * @throws IllegalArgumentException as {@link #kFold(int)}
     */
    public int[] assignFolds(int k) {
        if (k < 2) {
            throw new IllegalArgumentException("k-fold needs k >= 2, got " + k);
        }
        int[] fold =
                pairs.get(0).fold() == VerificationPair.NO_FOLD ? stratifiedBlocks(k) : given(k);

        // Every fold must hold at least one pair
        int[] sizes = new int[k];
        for (int f : fold) {
            sizes[f]++;
        }
        for (int f = 0; f < k; f++) {
            if (sizes[f] == 0) {
                throw new IllegalArgumentException(
                        "fold " + f + " of " + k + " is empty: " + pairs.size() + " pairs");
            }
        }
        return fold;
    }

    private int[] stratifiedBlocks(int k) {
        int sameTotal = (int) pairs.stream().filter(ScoredPair::same).count();
        int differentTotal = pairs.size() - sameTotal;
        int[] fold = new int[pairs.size()];
        int sameSeen = 0;
        int differentSeen = 0;
        for (int i = 0; i < fold.length; i++) {
            if (pairs.get(i).same()) {
                fold[i] = (int) ((long) sameSeen++ * k / sameTotal);
            } else {
                fold[i] = (int) ((long) differentSeen++ * k / differentTotal);
            }
        }
        return fold;
    }

    private int[] given(int k) {
        TreeSet<Integer> ids = new TreeSet<>();
        pairs.forEach(p -> ids.add(p.fold()));
        if (ids.size() != k) {
            throw new IllegalArgumentException(
                    "the pairs define " + ids.size() + " folds " + ids + ", asked for " + k);
        }
        List<Integer> sorted = new ArrayList<>(ids);
        return pairs.stream().mapToInt(p -> sorted.indexOf(p.fold())).toArray();
    }

    private double[] trainingDistances(int[] fold, int f) {
        return IntStream.range(0, order.length)
                .filter(k -> fold[order[k]] != f)
                .mapToDouble(k -> distances[k])
                .toArray();
    }

    private boolean[] trainingLabels(int[] fold, int f) {
        int[] idx = IntStream.range(0, order.length).filter(k -> fold[order[k]] != f).toArray();
        boolean[] out = new boolean[idx.length];
        for (int i = 0; i < idx.length; i++) {
            out[i] = labels[idx[i]];
        }
        return out;
    }

    private double foldAccuracy(int[] fold, int f, double threshold) {
        int correct = 0;
        for (int k = 0; k < order.length; k++) {
            if (fold[order[k]] == f && (distances[k] <= threshold) == labels[k]) {
                correct++;
            }
        }
        long size = Arrays.stream(fold).filter(x -> x == f).count();
        return correct / (double) size;
    }

    private double[] distancesOf(boolean label) {
        return IntStream.range(0, distances.length)
                .filter(k -> labels[k] == label)
                .mapToDouble(k -> distances[k])
                .toArray();
    }

    private void requireBothClasses(String what) {
        if (same == 0 || different == 0) {
            throw new IllegalArgumentException(
                    what
                            + " needs same and different pairs with a distance, found "
                            + same
                            + " same and "
                            + different
                            + " different ("
                            + missing()
                            + " missing)");
        }
    }

    /** The best-accuracy sweep over sorted distances; {@code total} is the denominator. */
    private static ThresholdAccuracy best(double[] d, boolean[] s, int total) {
        if (d.length == 0) {
            throw new IllegalArgumentException("no pair has a distance to choose a threshold from");
        }
        int correct = 0;
        for (boolean label : s) {
            correct += label ? 0 : 1;
        }

        // Accept one group of equal distances after the other
        int bestCorrect = correct;
        double bestThreshold = Math.nextDown(d[0]);
        for (int i = 0; i < d.length; ) {
            int j = i;
            while (j < d.length && d[j] == d[i]) {
                correct += s[j] ? 1 : -1;
                j++;
            }
            if (correct > bestCorrect) {
                bestCorrect = correct;
                bestThreshold = j < d.length ? between(d[i], d[j]) : d[i];
            }
            i = j;
        }
        return new ThresholdAccuracy(bestThreshold, bestCorrect / (double) Math.max(total, 1));
    }

    private static double between(double accepted, double rejected) {
        double mid = accepted + (rejected - accepted) / 2;
        return mid < rejected ? mid : accepted;
    }
}
