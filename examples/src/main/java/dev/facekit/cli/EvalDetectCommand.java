package dev.facekit.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.facekit.detect.DetectedFace;
import dev.facekit.detect.FaceDetector;
import dev.facekit.eval.BoxAnnotations;
import dev.facekit.eval.BoxMiss;
import dev.facekit.eval.Detection;
import dev.facekit.eval.DetectionEvaluator;
import dev.facekit.eval.DetectionReport;
import dev.facekit.image.RgbImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code facekit eval detect}: precision, recall and average precision against boxes. */
@Command(
        name = "detect",
        mixinStandardHelpOptions = true,
        description = {
            "Compares the detector's faces with ground-truth boxes (CSV: file, x, y, width, "
                    + "height; pixels of the upright image) and reports precision, recall and "
                    + "average precision at an IoU of 0.5, and the boxes it missed.",
            "Only the annotated images are run; boxes of an image that cannot be read count as "
                    + "missed."
        })
final class EvalDetectCommand extends BaseCommand {

    @Option(
            names = "--annotations",
            paramLabel = "CSV",
            required = true,
            description = "Ground-truth boxes: file, x, y, width, height.")
    Path annotations;

    @Option(
            names = "--root",
            paramLabel = "DIR",
            required = true,
            description = "Folder the annotations' file names are relative to.")
    Path root;

    @Option(
            names = "--iou",
            paramLabel = "IOU",
            defaultValue = "0.5",
            description = "IoU a detection needs to match a box (default: ${DEFAULT-VALUE}).")
    double iou;

    @Mixin DetectorOptions detection = new DetectorOptions();

    @Override
    public Integer call() {
        Options.requireFile(spec, "--annotations", annotations);
        Options.requireFolder(spec, "--root", root);
        detection.check(spec);
        if (!(iou > 0 && iou <= 1)) {
            throw Options.usage(spec, "option '--iou' must be in (0, 1], found " + iou);
        }
        Reporter reporter = reporter();
        BoxAnnotations truth = BoxAnnotations.read(annotations);
        List<Detection> detections = new ArrayList<>();
        try (FaceDetector detector = models().detector(detection.minFace);
                Progress progress = reporter.progress(truth.boxes().size())) {
            int done = 0;
            for (String file : truth.boxes().keySet()) {
                progress.update(done++);
                Optional<RgbImage> image = Inputs.read(root.resolve(file), reporter);
                if (image.isPresent()) {
                    for (DetectedFace face : detector.detect(image.get())) {
                        detections.add(Detection.of(file, face));
                    }
                }
            }
            progress.update(done);
        }
        DetectionReport report = DetectionEvaluator.evaluate(truth, detections, iou);
        if (reporter.json()) {
            reporter.print(json(report));
        } else {
            printText(reporter, report);
        }
        return reporter.exitCode();
    }

    static ObjectNode json(DetectionReport r) {
        ObjectNode node = Json.object();
        node.put("iouThreshold", r.iouThreshold());
        node.put("images", r.images());
        node.put("groundTruth", r.groundTruth());
        node.put("detections", r.detections());
        node.put("truePositives", r.truePositives());
        node.put("precision", r.precision());
        node.put("recall", r.recall());
        node.put("averagePrecision", r.averagePrecision());
        node.set("misses", misses(r.misses()));
        node.set("falsePositives", misses(r.falsePositives()));
        return node;
    }

    private static ArrayNode misses(List<BoxMiss> list) {
        ArrayNode array = Json.MAPPER.createArrayNode();
        for (BoxMiss m : list) {
            ObjectNode entry = array.addObject();
            entry.put("file", m.file());
            entry.set("box", Json.box(m.box()));
            entry.put("bestIou", m.bestIou());
        }
        return array;
    }

    private static void printText(Reporter reporter, DetectionReport r) {
        reporter.text(
                String.format(
                        Locale.ROOT,
                        "%d images, %d ground-truth boxes, %d detections, %d true positives "
                                + "(IoU >= %.2f)",
                        r.images(),
                        r.groundTruth(),
                        r.detections(),
                        r.truePositives(),
                        r.iouThreshold()));
        reporter.text(String.format(Locale.ROOT, "  precision          %.4f", r.precision()));
        reporter.text(String.format(Locale.ROOT, "  recall             %.4f", r.recall()));
        reporter.text(
                String.format(Locale.ROOT, "  average precision  %.4f", r.averagePrecision()));
        for (BoxMiss m : r.misses()) {
            reporter.text(
                    String.format(
                            Locale.ROOT,
                            "missed: %s %s (best IoU %.2f)",
                            m.file(),
                            Names.box(m.box()),
                            m.bestIou()));
        }
    }
}
