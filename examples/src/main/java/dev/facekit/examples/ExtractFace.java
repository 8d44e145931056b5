package dev.facekit.examples;

import dev.facekit.align.AlignmentTemplate;
import dev.facekit.align.LandmarkAligner;
import dev.facekit.detect.DetectedFace;
import dev.facekit.detect.FaceDetector;
import dev.facekit.image.RgbImage;
import dev.facekit.match.FaceSelection;
import dev.facekit.mtcnn.MtcnnDetector;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Tutorial step 2: cut the main face out of a photo as an aligned 150 x 150 chip, the input of the
 * compact embedder (eyes level, at the dlib template's positions).
 *
 * <pre>
 * java -cp "examples/target/facekit.jar:examples/target/lib/*" \
 *     dev.facekit.examples.ExtractFace [PHOTO] [OUT.png]
 * </pre>
 */
public final class ExtractFace {

    private ExtractFace() {}

    /**
     * Extracts the primary face of {@code args[0]} (default: the bundled Grace Hopper photo) into
     * {@code args[1]} (default: {@code face.png}).
     *
     * @param args optional photo and output file
     */
    public static void main(String[] args) {
        RgbImage photo =
                args.length > 0
                        ? RgbImage.read(Path.of(args[0]))
                        : Samples.read(Samples.GRACE_HOPPER);
        Path out = Path.of(args.length > 1 ? args[1] : "face.png");
        Optional<RgbImage> chip = extract(photo);
        if (chip.isEmpty()) {
            System.out.println("no face found");
            return;
        }
        FaceDrawing.writePng(chip.get().toBufferedImage(), out);
        System.out.println("face written to " + out);
    }

    /**
     * Detects the faces, picks the primary one (large and near the centre) and aligns it.
     *
     * @param photo the photo
     * @return the 150 x 150 chip, empty when the photo has no face
     */
    public static Optional<RgbImage> extract(RgbImage photo) {
        try (FaceDetector detector = MtcnnDetector.create()) {
            Optional<DetectedFace> face =
                    FaceSelection.primary(detector.detect(photo), photo.width(), photo.height());
            LandmarkAligner aligner = new LandmarkAligner(AlignmentTemplate.DLIB_150);
            return face.map(f -> aligner.align(photo, f.landmarks()));
        }
    }
}
