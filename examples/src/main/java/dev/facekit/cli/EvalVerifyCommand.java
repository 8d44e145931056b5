package dev.facekit.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.facekit.embed.Threshold;
import dev.facekit.eval.MissingPair;
import dev.facekit.eval.VerificationReport;
import dev.facekit.eval.VerificationScores;
import dev.facekit.examples.eval.RocPlot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.OptionalDouble;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code facekit eval verify}: verification accuracy, ROC, EER and TAR at FAR on a pair list. */
@Command(
        name = "verify",
        mixinStandardHelpOptions = true,
        description = {
            "Runs the whole pipeline (detect, primary face, align, embed) on every image of a "
                    + "pair list and reports: pairs, pairs with a missing face, accuracy at the "
                    + "model's threshold, the best threshold and its accuracy, k-fold accuracy "
                    + "(mean and standard deviation), ROC AUC, EER, TAR at FAR 1e-2 and 1e-3.",
            "Missing pairs count as wrong in every accuracy and are left out of the ROC numbers. "
                    + "Embeddings are cached per image (--cache)."
        })
final class EvalVerifyCommand extends BaseCommand {

    @Mixin ModelOptions modelOptions = new ModelOptions();

    @Mixin PairOptions pairOptions = new PairOptions();

    @Option(
            names = "--folds",
            paramLabel = "K",
            description =
                    "Number of cross-validation folds (default: the pair list's own folds, "
                            + "else 10, or fewer when a class has fewer than 10 pairs).")
    Integer folds;

    @Option(
            names = "--threshold",
            paramLabel = "T",
            description = "Threshold to report the accuracy at (default: the model's).")
    Double threshold;

    @Option(
            names = "--plot",
            paramLabel = "PNG",
            description = "Also draw the ROC curve and both distance distributions into PNG.")
    Path plot;

    @Override
    public Integer call() throws IOException {
        if (folds != null && folds < 2) {
            throw Options.usage(spec, "option '--folds' must be at least 2, found " + folds);
        }
        if (plot != null) {
            // before the long run, so that a bad --plot path fails at once
            Files.createDirectories(plot.toAbsolutePath().getParent());
        }
        Reporter reporter = reporter();
        PairEvaluation.Result result =
                PairEvaluation.run(spec, models(), modelOptions, pairOptions, reporter);
        VerificationScores scores = result.scored().scores();
        Threshold t = threshold(result);
        int k = folds != null ? folds : scores.givenFolds().orElse(defaultFolds(result));
        VerificationReport report = report(scores, t, k, result);
        if (plot != null) {
            RocPlot.write(scores, OptionalDouble.of(t.distance()), result.pairs().name(), plot);
        }
        if (reporter.json()) {
            reporter.print(json(report));
        } else {
            printTable(reporter, result, report);
        }
        return result.failed() > 0 ? ExitCodes.SOME_INPUTS_FAILED : ExitCodes.OK;
    }

    /** A list too small for its folds is the caller's to fix: a usage error that says so. */
    private VerificationReport report(
            VerificationScores scores, Threshold t, int k, PairEvaluation.Result result) {
        try {
            return VerificationReport.of(scores, t, k);
        } catch (IllegalArgumentException e) {
            throw Options.usage(
                    spec,
                    result.pairs().name()
                            + ": "
                            + e.getMessage()
                            + "; "
                            + k
                            + "-fold cross-validation needs every fold to hold same and different"
                            + " pairs with a distance: give fewer --folds or more pairs");
        }
    }

    /** 10, or fewer when a class has fewer than 10 pairs (every fold needs both classes). */
    private static int defaultFolds(PairEvaluation.Result result) {
        long same = result.pairs().pairs().stream().filter(p -> p.same()).count();
        long different = result.pairs().size() - same;
        return (int) Math.max(2, Math.min(10, Math.min(same, different)));
    }

    private Threshold threshold(PairEvaluation.Result result) {
        Threshold model = result.modelThreshold();
        if (threshold != null) {
            return new Threshold(result.metric(), threshold, "--threshold");
        }
        if (model.metric() != result.metric()) {
            throw Options.usage(
                    spec,
                    "--metric "
                            + result.metric()
                            + " differs from the model's metric "
                            + model.metric()
                            + ": give --threshold too");
        }
        return model;
    }

    /** Exactly the fields of the contract, in this order. */
    static ObjectNode json(VerificationReport r) {
        ObjectNode node = Json.object();
        node.put("pairs", r.pairs());
        node.put("missing", r.missing());
        node.put("metric", r.metric().name());
        node.put("threshold", r.threshold());
        node.put("accuracy", r.accuracy());
        node.put("bestThreshold", r.bestThreshold());
        node.put("bestAccuracy", r.bestAccuracy());
        node.put("folds", r.folds());
        node.put("foldAccuracy", r.foldAccuracy());
        node.put("foldAccuracyStd", r.foldAccuracyStd());
        node.put("auc", r.auc());
        node.put("eer", r.eer());
        node.put("tarAtFar1e2", r.tarAtFar1e2());
        node.put("tarAtFar1e3", r.tarAtFar1e3());
        return node;
    }

    private void printTable(Reporter reporter, PairEvaluation.Result result, VerificationReport r) {
        reporter.text(
                "model "
                        + result.model()
                        + ", pairs "
                        + result.pairs().name()
                        + ", metric "
                        + r.metric());
        row(reporter, "pairs", Integer.toString(r.pairs()));
        row(reporter, "missing", Integer.toString(r.missing()));
        row(reporter, "threshold", String.format(Locale.ROOT, "%.4f", r.threshold()));
        row(reporter, "accuracy", String.format(Locale.ROOT, "%.4f", r.accuracy()));
        row(reporter, "best threshold", String.format(Locale.ROOT, "%.4f", r.bestThreshold()));
        row(reporter, "best accuracy", String.format(Locale.ROOT, "%.4f", r.bestAccuracy()));
        row(
                reporter,
                r.folds() + "-fold accuracy",
                String.format(Locale.ROOT, "%.4f +- %.4f", r.foldAccuracy(), r.foldAccuracyStd()));
        row(reporter, "ROC AUC", String.format(Locale.ROOT, "%.5f", r.auc()));
        row(reporter, "EER", String.format(Locale.ROOT, "%.4f", r.eer()));
        row(reporter, "TAR at FAR 1e-2", String.format(Locale.ROOT, "%.4f", r.tarAtFar1e2()));
        row(reporter, "TAR at FAR 1e-3", String.format(Locale.ROOT, "%.4f", r.tarAtFar1e3()));
        for (MissingPair m : result.scored().missing()) {
            reporter.text("missing: " + m.image() + " (" + m.reason() + ")");
        }
        if (plot != null) {
            reporter.text("plot written to " + plot);
        }
    }

    private static void row(Reporter reporter, String name, String value) {
        reporter.text(String.format(Locale.ROOT, "  %-18s %s", name, value));
    }
}
