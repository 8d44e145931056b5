package dev.facekit.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.facekit.embed.Threshold;
import dev.facekit.eval.OperatingPoint;
import dev.facekit.eval.VerificationScores;
import dev.facekit.vggface.ModelDescriptor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code facekit calibrate}: the threshold that meets a target false-match rate. */
@Command(
        name = "calibrate",
        mixinStandardHelpOptions = true,
        description = {
            "Picks the threshold that meets a target false accept rate on a pair list: the "
                    + "largest distance whose FAR is still <= --far (core/EVALUATION.md).",
            "Prints it; with --write also stores it, with the data it came from, as the "
                    + "\"threshold\" of --model DIR/facekit-model.json (other fields untouched)."
        })
final class CalibrateCommand extends BaseCommand {

    /** The descriptor file next to {@code saved_model.pb}. */
    static final String DESCRIPTOR = ModelDescriptor.FILE_NAME;

    @Mixin ModelOptions modelOptions = new ModelOptions();

    @Mixin PairOptions pairOptions = new PairOptions();

    @Option(
            names = "--far",
            paramLabel = "RATE",
            required = true,
            description = "Target false accept rate, in [0, 1], e.g. 1e-3.")
    double far;

    @Option(
            names = "--write",
            description = "Write the threshold into --model DIR/facekit-model.json.")
    boolean write;

    @Override
    public Integer call() {
        if (!(far >= 0 && far <= 1)) {
            throw Options.usage(spec, "option '--far' must be in [0, 1], found " + far);
        }
        if (write && modelOptions.model == null) {
            throw Options.usage(
                    spec,
                    "--write needs --model DIR: the bundled model inside the jar is read-only");
        }
        Path descriptor = write ? modelOptions.model.resolve(DESCRIPTOR) : null;
        if (descriptor != null) {
            Options.requireFile(spec, "--model", descriptor);
        }
        Reporter reporter = reporter();
        PairEvaluation.Result result =
                PairEvaluation.run(spec, models(), modelOptions, pairOptions, reporter);
        VerificationScores scores = result.scored().scores();
        Threshold threshold = scores.calibrate(far, result.pairs().name());
        OperatingPoint point = scores.tarAtFar(far);
        if (descriptor != null) {
            writeThreshold(descriptor, threshold);
        }
        if (reporter.json()) {
            ObjectNode node = Json.object();
            node.put("model", result.model());
            node.put("metric", threshold.metric().name());
            node.put("threshold", threshold.distance());
            node.put("targetFar", far);
            node.put("far", point.far());
            node.put("tar", point.tar());
            node.put("source", threshold.source());
            if (descriptor == null) {
                node.putNull("written");
            } else {
                node.put("written", descriptor.toString());
            }
            reporter.print(node);
        } else {
            reporter.text(
                    String.format(
                            Locale.ROOT,
                            "%s threshold %.4f: %s",
                            threshold.metric().name().toLowerCase(Locale.ROOT),
                            threshold.distance(),
                            threshold.source()));
            if (descriptor != null) {
                reporter.text("written to " + descriptor);
            }
        }
        return result.failed() > 0 ? ExitCodes.SOME_INPUTS_FAILED : ExitCodes.OK;
    }

    /**
     * Replaces the threshold of a descriptor, keeping every other field, atomically (a temporary
     * file in the same folder, then a rename).
     */
    static void writeThreshold(Path descriptor, Threshold threshold) {
        ModelDescriptor updated = ModelDescriptor.read(descriptor).withThreshold(threshold);
        try {
            Path tmp =
                    Files.createTempFile(
                            descriptor.toAbsolutePath().getParent(), DESCRIPTOR, ".tmp");
            try {
                updated.write(tmp);
                Files.move(tmp, descriptor, StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot update " + descriptor + ": " + e.getMessage(), e);
        }
    }
}
