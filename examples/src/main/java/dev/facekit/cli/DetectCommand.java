package dev.facekit.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.facekit.detect.DetectedFace;
import dev.facekit.detect.FaceDetector;
import dev.facekit.examples.FaceDrawing;
import dev.facekit.image.RgbImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code facekit detect}: faces, boxes, confidences and landmarks. */
@Command(
        name = "detect",
        mixinStandardHelpOptions = true,
        description = {
            "Finds the faces in images: box, confidence and five landmarks, in pixels of the "
                    + "upright image (origin top-left).",
            "A folder stands for the images below it."
        })
final class DetectCommand extends BaseCommand {

    @Mixin DetectorOptions detection = new DetectorOptions();

    @Option(
            names = "--annotate",
            paramLabel = "DIR",
            description = "Also write a PNG per image with the faces drawn, into DIR.")
    Path annotate;

    @Parameters(paramLabel = "IMAGE", arity = "1..*", description = "Image files or folders.")
    List<Path> images;

    @Override
    public Integer call() throws IOException {
        detection.check(spec);
        if (annotate != null) {
            Files.createDirectories(annotate);
        }
        Reporter reporter = reporter();
        OutputNames names = annotate == null ? null : new OutputNames(annotate);
        List<Path> files = Inputs.expand(images, reporter);
        try (FaceDetector detector = models().detector(detection.minFace)) {
            Inputs.processAll(
                    files,
                    reporter,
                    (file, image) -> {
                        List<DetectedFace> faces = detector.detect(image);
                        report(reporter, file, image, faces);
                        if (annotate != null) {
                            FaceDrawing.writePng(
                                    image, faces, names.file(names.stem(file), "-faces.png"));
                        }
                    });
        }
        return reporter.exitCode();
    }

    private static void report(
            Reporter reporter, Path file, RgbImage image, List<DetectedFace> faces) {
        if (reporter.json()) {
            ObjectNode node = Json.object();
            node.put("image", file.toString());
            node.put("width", image.width());
            node.put("height", image.height());
            ArrayNode array = node.putArray("faces");
            faces.forEach(f -> array.add(Json.face(f)));
            reporter.print(node);
            return;
        }
        reporter.text(
                String.format(
                        Locale.ROOT,
                        "%s: %d x %d, %s",
                        file,
                        image.width(),
                        image.height(),
                        Names.count(faces.size(), "face")));
        for (DetectedFace f : faces) {
            reporter.text("  " + Names.describe(f));
        }
    }
}
