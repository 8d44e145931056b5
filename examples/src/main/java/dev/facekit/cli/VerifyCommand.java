package dev.facekit.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.facekit.embed.Metric;
import dev.facekit.embed.Threshold;
import dev.facekit.image.RgbImage;
import dev.facekit.match.Comparison;
import dev.facekit.match.FaceMatcher;
import dev.facekit.match.Verification;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code facekit verify}: are two photos of the same person? */
@Command(
        name = "verify",
        mixinStandardHelpOptions = true,
        description = {
            "Decides whether the primary faces of two photos belong to the same person: their "
                    + "distance in the model's metric is compared with the threshold.",
            "The primary face is the largest box, less twice the squared distance of its centre "
                    + "from the image centre."
        })
final class VerifyCommand extends BaseCommand {

    @Mixin ModelOptions modelOptions = new ModelOptions();

    @Option(
            names = "--threshold",
            paramLabel = "T",
            description =
                    "Largest distance still called a match (default: the model's threshold, see "
                            + "facekit-model.json).")
    Double threshold;

    @Option(
            names = "--metric",
            paramLabel = "METRIC",
            description =
                    "EUCLIDEAN or COSINE (default: the model's threshold metric); another metric "
                            + "than the model's needs --threshold.")
    Metric metric;

    @Parameters(index = "0", paramLabel = "A", description = "The first photo.")
    Path a;

    @Parameters(index = "1", paramLabel = "B", description = "The second photo.")
    Path b;

    @Override
    public Integer call() {
        modelOptions.detector.check(spec);
        if (threshold != null) {
            Options.requireNonNegative(spec, "--threshold", threshold);
        }
        Reporter reporter = reporter();
        try (Pipeline pipeline =
                Pipeline.open(models(), modelOptions.minFace(), modelOptions.model)) {
            Threshold t = threshold(pipeline.embedder().defaultThreshold());
            Optional<RgbImage> imageA = Inputs.read(a, reporter);
            Optional<RgbImage> imageB = Inputs.read(b, reporter);
            if (imageA.isEmpty() || imageB.isEmpty()) {
                return reporter.exitCode();
            }
            try (FaceMatcher matcher = pipeline.matcher(t, null)) {
                Verification v = matcher.verify(imageA.get(), imageB.get());
                report(reporter, pipeline.embedder().modelName(), v);
            }
        }
        return reporter.exitCode();
    }

    private Threshold threshold(Threshold model) {
        Metric m = metric == null ? model.metric() : metric;
        if (m != model.metric() && threshold == null) {
            throw Options.usage(
                    spec,
                    "--metric "
                            + m
                            + " differs from the model's metric "
                            + model.metric()
                            + ": give --threshold too");
        }
        return threshold == null ? model : new Threshold(m, threshold, "--threshold");
    }

    private void report(Reporter reporter, String model, Verification v) {
        Threshold t = v.threshold();
        ObjectNode node = Json.object();
        node.put("a", a.toString());
        node.put("b", b.toString());
        node.put("model", model);
        node.put("metric", t.metric().name());
        if (v.comparison().isEmpty()) {
            String reason =
                    switch (v.status()) {
                        case NO_FACE_IN_A -> "no face found in " + a;
                        case NO_FACE_IN_B -> "no face found in " + b;
                        default -> "no face found in either image";
                    };
            node.putNull("similarity");
            node.putNull("distance");
            node.put("threshold", t.distance());
            node.putNull("match");
            node.put("reason", reason);
            if (reporter.json()) {
                reporter.print(node);
            } else {
                reporter.text("cannot decide: " + reason);
            }
            return;
        }
        Comparison c = v.comparison().get();
        node.put("similarity", c.similarity());
        node.put("distance", c.distance());
        node.put("threshold", t.distance());
        node.put("match", c.match());
        if (reporter.json()) {
            reporter.print(node);
        } else {
            reporter.text(
                    String.format(
                            Locale.ROOT,
                            "%s: %s distance %.4f %s threshold %.4f (cosine similarity %.4f)",
                            c.match() ? "same person" : "different people",
                            t.metric().name().toLowerCase(Locale.ROOT),
                            c.distance(),
                            c.match() ? "<=" : ">",
                            t.distance(),
                            c.similarity()));
        }
    }
}
