package dev.facekit.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.facekit.embed.Embedding;
import dev.facekit.embed.FaceEmbedder;
import dev.facekit.image.RgbImage;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code facekit embed}: one embedding per face. */
@Command(
        name = "embed",
        mixinStandardHelpOptions = true,
        description = {
            "Computes the embedding of every face in images (the model's vector, not normalised "
                    + "unless the model says so).",
            "With --aligned each image is already a chip of the model's input size: no "
                    + "detection runs and the whole image is embedded."
        })
final class EmbedCommand extends BaseCommand {

    @Mixin ModelOptions modelOptions = new ModelOptions();

    @Option(
            names = "--aligned",
            description = "The images are chips of the model's input size; do not detect.")
    boolean aligned;

    @Parameters(paramLabel = "IMAGE", arity = "1..*", description = "Image files or folders.")
    List<Path> images;

    @Override
    public Integer call() {
        modelOptions.detector.check(spec);
        Reporter reporter = reporter();
        List<Path> files = Inputs.expand(images, reporter);
        if (aligned) {
            try (FaceEmbedder embedder = models().embedder(modelOptions.model)) {
                embedChips(reporter, files, embedder);
            }
        } else {
            try (Pipeline pipeline =
                    Pipeline.open(models(), modelOptions.minFace(), modelOptions.model)) {
                embedFaces(reporter, files, pipeline);
            }
        }
        return reporter.exitCode();
    }

    private static void embedChips(Reporter reporter, List<Path> files, FaceEmbedder embedder) {
        try (Progress progress = reporter.progress(files.size())) {
            int done = 0;
            for (Path file : files) {
                progress.update(done++);
                Optional<RgbImage> chip = Inputs.read(file, reporter);
                if (chip.isEmpty()) {
                    continue;
                }
                int size = embedder.inputSize();
                if (chip.get().width() != size || chip.get().height() != size) {
                    reporter.inputFailed(
                            file.toString(),
                            "WRONG_SIZE",
                            String.format(
                                    Locale.ROOT,
                                    "--aligned needs a %d x %d chip, found %d x %d",
                                    size,
                                    size,
                                    chip.get().width(),
                                    chip.get().height()),
                            null);
                    continue;
                }
                Embedding e = embedder.embedChip(chip.get());
                if (reporter.json()) {
                    ObjectNode node = Json.object();
                    node.put("image", file.toString());
                    node.put("model", e.model());
                    node.set("embedding", Json.vector(e));
                    reporter.print(node);
                } else {
                    reporter.text(file + ": " + text(e));
                }
            }
            progress.update(done);
        }
    }

    private static void embedFaces(Reporter reporter, List<Path> files, Pipeline pipeline) {
        String model = pipeline.embedder().modelName();
        try (Progress progress = reporter.progress(files.size())) {
            int done = 0;
            for (Path file : files) {
                progress.update(done++);
                Optional<RgbImage> image = Inputs.read(file, reporter);
                if (image.isEmpty()) {
                    continue;
                }
                List<Pipeline.FaceEmbedding> faces = pipeline.embedAll(image.get());
                if (reporter.json()) {
                    ObjectNode node = Json.object();
                    node.put("image", file.toString());
                    node.put("model", model);
                    ArrayNode array = node.putArray("faces");
                    for (Pipeline.FaceEmbedding f : faces) {
                        ObjectNode entry = array.addObject();
                        entry.set("box", Json.box(f.face().box()));
                        entry.set("embedding", Json.vector(f.embedding()));
                    }
                    reporter.print(node);
                } else {
                    reporter.text(file + ": " + Names.count(faces.size(), "face"));
                    for (Pipeline.FaceEmbedding f : faces) {
                        reporter.text(
                                "  " + Names.box(f.face().box()) + ": " + text(f.embedding()));
                    }
                }
            }
            progress.update(done);
        }
    }

    private static String text(Embedding e) {
        return e.model()
                + " "
                + IntStream.range(0, e.dimension())
                        .mapToObj(i -> String.format(Locale.ROOT, "%.6f", e.get(i)))
                        .collect(Collectors.joining(" ", "[", "]"));
    }
}
