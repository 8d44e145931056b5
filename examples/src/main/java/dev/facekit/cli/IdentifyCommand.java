package dev.facekit.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.facekit.embed.Metric;
import dev.facekit.embed.Threshold;
import dev.facekit.match.Candidate;
import dev.facekit.match.FaceIdentification;
import dev.facekit.match.FaceMatcher;
import dev.facekit.match.Gallery;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code facekit identify}: who is in these photos? */
@Command(
        name = "identify",
        mixinStandardHelpOptions = true,
        description = {
            "Identifies every face in images against a gallery file (see 'facekit enroll'): the "
                    + "closest identities, and the identity when the closest one is within the "
                    + "threshold (null: unknown)."
        })
final class IdentifyCommand extends BaseCommand {

    @Option(
            names = "--gallery",
            paramLabel = "FILE",
            required = true,
            description = "A gallery file written by 'facekit enroll'.")
    Path gallery;

    @Option(
            names = "--top",
            paramLabel = "K",
            defaultValue = "3",
            description = "Candidates to list per face (default: ${DEFAULT-VALUE}).")
    int top;

    @Option(
            names = "--threshold",
            paramLabel = "T",
            description = "Largest distance still called a match (default: the model's).")
    Double threshold;

    @Mixin ModelOptions modelOptions = new ModelOptions();

    @Parameters(paramLabel = "IMAGE", arity = "1..*", description = "Image files or folders.")
    List<Path> images;

    @Override
    public Integer call() {
        Options.requireFile(spec, "--gallery", gallery);
        Options.requireInRange(spec, "--top", top, Integer.MAX_VALUE);
        modelOptions.detector.check(spec);
        if (threshold != null) {
            Options.requireNonNegative(spec, "--threshold", threshold);
        }
        Reporter reporter = reporter();
        List<Path> files = Inputs.expand(images, reporter);
        try (Pipeline pipeline =
                Pipeline.open(models(), modelOptions.minFace(), modelOptions.model)) {
            Gallery g = Galleries.load(gallery, pipeline.embedder());
            Threshold model = pipeline.embedder().defaultThreshold();
            Metric metric = model.metric();
            Threshold t =
                    threshold == null ? model : new Threshold(metric, threshold, "--threshold");
            try (FaceMatcher matcher = pipeline.matcher(t, g)) {
                Inputs.processAll(
                        files,
                        reporter,
                        (file, image) -> report(reporter, file, matcher.identify(image, top)));
            }
        }
        return reporter.exitCode();
    }

    private static void report(Reporter reporter, Path file, List<FaceIdentification> faces) {
        if (reporter.json()) {
            reporter.print(json(file, faces));
            return;
        }
        reporter.text(file + ": " + Names.count(faces.size(), "face"));
        for (FaceIdentification f : faces) {
            String who = f.identity().orElse("unknown");
            StringBuilder line =
                    new StringBuilder(
                            "  " + Names.box(f.face().box()) + ": " + who + " (distance ");
            for (int i = 0; i < f.candidates().size(); i++) {
                Candidate c = f.candidates().get(i);
                line.append(i == 0 ? "" : ", ")
                        .append(String.format(Locale.ROOT, "%s %.4f", c.identity(), c.distance()));
            }
            line.append(f.candidates().isEmpty() ? "-: empty gallery)" : ")");
            reporter.text(line.toString());
        }
    }

    static ObjectNode json(Path file, List<FaceIdentification> faces) {
        ObjectNode node = Json.object();
        node.put("image", file.toString());
        ArrayNode array = node.putArray("faces");
        for (FaceIdentification f : faces) {
            ObjectNode entry = array.addObject();
            entry.set("box", Json.box(f.face().box()));
            ArrayNode candidates = entry.putArray("candidates");
            for (Candidate c : f.candidates()) {
                ObjectNode cand = candidates.addObject();
                cand.put("identity", c.identity());
                cand.put("similarity", c.similarity());
                cand.put("distance", c.distance());
            }
            entry.put("metric", f.threshold().metric().name().toLowerCase(Locale.ROOT));
            entry.put("threshold", f.threshold().distance());
            Optional<String> identity = f.identity();
            if (identity.isPresent()) {
                entry.put("identity", identity.get());
            } else {
                entry.putNull("identity");
            }
        }
        return node;
    }
}
