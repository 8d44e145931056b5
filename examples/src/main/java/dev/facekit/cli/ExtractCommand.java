package dev.facekit.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.facekit.align.AlignmentTemplate;
import dev.facekit.align.BoxCropper;
import dev.facekit.align.FaceCropper;
import dev.facekit.align.LandmarkAligner;
import dev.facekit.detect.DetectedFace;
import dev.facekit.detect.FaceDetector;
import dev.facekit.examples.FaceDrawing;
import dev.facekit.image.RgbImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code facekit extract}: face crops as PNG files. */
@Command(
        name = "extract",
        mixinStandardHelpOptions = true,
        description = {
            "Cuts every face out of images and writes it as a PNG: IMAGE-faceN.png in --out, N "
                    + "from 1 in the detector's order (highest confidence first).",
            "By default the box is made square around its centre, grown by --margin pixels on "
                    + "every side, and resized to --size; with --aligned the five landmarks are "
                    + "mapped onto the dlib template (eyes level, as the compact model expects)."
        })
final class ExtractCommand extends BaseCommand {

    @Option(
            names = "--out",
            paramLabel = "DIR",
            required = true,
            description = "Folder for the crops (created when absent).")
    Path out;

    @Option(names = "--aligned", description = "Align by the landmarks instead of cutting the box.")
    boolean aligned;

    @Option(
            names = "--size",
            paramLabel = "N",
            defaultValue = "150",
            description =
                    "Side of the square crops in pixels, 1 to "
                            + ExtractCommand.MAX_SIZE
                            + " (default: ${DEFAULT-VALUE}).")
    int size;

    /** The largest crop side: 4096 x 4096 is 16 megapixels, far inside the decoder's budget. */
    static final int MAX_SIZE = 4096;

    @Option(
            names = "--margin",
            paramLabel = "PX",
            defaultValue = "0",
            description =
                    "Pixels added on every side of the box; ignored with --aligned "
                            + "(default: ${DEFAULT-VALUE}).")
    float margin;

    @Mixin DetectorOptions detection = new DetectorOptions();

    @Parameters(paramLabel = "IMAGE", arity = "1..*", description = "Image files or folders.")
    List<Path> images;

    @Override
    public Integer call() throws IOException {
        Options.requireInRange(spec, "--size", size, MAX_SIZE);
        Options.requireNonNegative(spec, "--margin", margin);
        detection.check(spec);
        Files.createDirectories(out);
        FaceCropper cropper =
                aligned
                        ? new LandmarkAligner(AlignmentTemplate.DLIB_150.resized(size))
                        : new BoxCropper(size, margin);
        Reporter reporter = reporter();
        OutputNames names = new OutputNames(out);
        List<Path> files = Inputs.expand(images, reporter);
        try (FaceDetector detector = models().detector(detection.minFace)) {
            Inputs.processAll(
                    files,
                    reporter,
                    (file, image) ->
                            extract(
                                    reporter,
                                    file,
                                    names.stem(file),
                                    image,
                                    detector.detect(image),
                                    cropper));
        }
        return reporter.exitCode();
    }

    private void extract(
            Reporter reporter,
            Path file,
            String stem,
            RgbImage image,
            List<DetectedFace> faces,
            FaceCropper cropper) {
        ObjectNode node = Json.object();
        node.put("image", file.toString());
        ArrayNode array = node.putArray("faces");
        StringBuilder text = new StringBuilder(file + ": " + Names.count(faces.size(), "face"));
        for (int i = 0; i < faces.size(); i++) {
            DetectedFace face = faces.get(i);
            DetectedFace cut =
                    aligned
                            ? face
                            : new DetectedFace(
                                    face.box().square(), face.confidence(), face.landmarks());
            Path crop = out.resolve(stem + "-face" + (i + 1) + ".png");
            FaceDrawing.writePng(cropper.crop(image, cut).toBufferedImage(), crop);
            ObjectNode entry = array.addObject();
            entry.set("box", Json.box(face.box()));
            entry.put("file", crop.toString());
            text.append(System.lineSeparator()).append("  ").append(crop);
        }
        if (reporter.json()) {
            reporter.print(node);
        } else {
            reporter.text(text.toString());
        }
    }
}
