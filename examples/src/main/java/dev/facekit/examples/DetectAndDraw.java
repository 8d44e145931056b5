package dev.facekit.examples;

import dev.facekit.detect.DetectedFace;
import dev.facekit.detect.FaceDetector;
import dev.facekit.image.RgbImage;
import dev.facekit.mtcnn.MtcnnDetector;
import java.nio.file.Path;
import java.util.List;

/**
 * Tutorial step 1: find the faces in a photo and draw them.
 *
 * <pre>
 * java -cp "examples/target/facekit.jar:examples/target/lib/*" \
 *     dev.facekit.examples.DetectAndDraw [PHOTO] [OUT.png]
 * </pre>
 *
 * Without arguments it uses the bundled astronaut photo and writes {@code faces.png}.
 */
public final class DetectAndDraw {

    private DetectAndDraw() {}

    /**
     * Detects the faces of {@code args[0]} (default: the bundled astronaut) and draws them into
     * {@code args[1]} (default: {@code faces.png}).
     *
     * @param args optional photo and output file
     */
    public static void main(String[] args) {
        RgbImage photo =
                args.length > 0 ? RgbImage.read(Path.of(args[0])) : Samples.read(Samples.ASTRONAUT);
        Path out = Path.of(args.length > 1 ? args[1] : "faces.png");
        List<DetectedFace> faces = detectAndDraw(photo, out);
        System.out.println(faces.size() + " face(s), drawn in " + out);
        for (DetectedFace face : faces) {
            System.out.println("  " + face.box() + " confidence " + face.confidence());
        }
    }

    /**
     * Finds the faces with the bundled MTCNN detector and writes the annotated picture.
     *
     * @param photo the photo
     * @param png where to write the picture
     * @return the faces, highest confidence first
     */
    public static List<DetectedFace> detectAndDraw(RgbImage photo, Path png) {
        // The detector owns native TensorFlow sessions: try-with-resources closes them.
        try (FaceDetector detector = MtcnnDetector.create()) {
            List<DetectedFace> faces = detector.detect(photo);
            FaceDrawing.writePng(photo, faces, png);
            return faces;
        }
    }
}
