package dev.facekit.examples;

import dev.facekit.detect.FaceDetector;
import dev.facekit.embed.FaceEmbedder;
import dev.facekit.image.RgbImage;
import dev.facekit.match.FaceMatcher;
import dev.facekit.match.Verification;
import dev.facekit.mtcnn.MtcnnDetector;
import dev.facekit.vggface.SavedModelEmbedder;
import java.nio.file.Path;

/**
 * Tutorial step 3: are two photos of the same person?
 *
 * <pre>
 * java -cp "examples/target/facekit.jar:examples/target/lib/*" \
 *     dev.facekit.examples.VerifyTwoPhotos [A] [B]
 * </pre>
 *
 * Without arguments it compares the bundled astronaut photo with Grace Hopper's.
 */
public final class VerifyTwoPhotos {

    private VerifyTwoPhotos() {}

    /**
     * Verifies {@code args[0]} against {@code args[1]} (default: astronaut and Grace Hopper).
     *
     * @param args optional two photos
     */
    public static void main(String[] args) {
        RgbImage a =
                args.length > 1 ? RgbImage.read(Path.of(args[0])) : Samples.read(Samples.ASTRONAUT);
        RgbImage b =
                args.length > 1
                        ? RgbImage.read(Path.of(args[1]))
                        : Samples.read(Samples.GRACE_HOPPER);
        Verification v = verify(a, b);
        System.out.println(v.match() ? "same person" : "not the same person");
        System.out.println("  " + v.reason());
    }

    /**
     * Compares the primary faces of two photos with the bundled detector and compact embedder, at
     * the compact model's threshold.
     *
     * @param a one photo
     * @param b the other
     * @return the verification: match, distance, or why there was no comparison
     */
    public static Verification verify(RgbImage a, RgbImage b) {
        // Each model has one owner: these three resources close in reverse order.
        try (FaceDetector detector = MtcnnDetector.create();
                FaceEmbedder embedder = SavedModelEmbedder.compact();
                FaceMatcher matcher = FaceMatcher.of(detector, embedder)) {
            return matcher.verify(a, b);
        }
    }
}
