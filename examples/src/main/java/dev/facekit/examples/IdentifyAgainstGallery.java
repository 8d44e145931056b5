package dev.facekit.examples;

import dev.facekit.detect.FaceDetector;
import dev.facekit.embed.FaceEmbedder;
import dev.facekit.image.RgbImage;
import dev.facekit.match.FaceIdentification;
import dev.facekit.match.FaceMatcher;
import dev.facekit.mtcnn.MtcnnDetector;
import dev.facekit.vggface.SavedModelEmbedder;
import java.nio.file.Path;
import java.util.List;

/**
 * Tutorial step 4: enroll people into a gallery, save it, and identify the faces of a photo.
 *
 * <pre>
 * java -cp "examples/target/facekit.jar:examples/target/lib/*" \
 *     dev.facekit.examples.IdentifyAgainstGallery [GALLERY_FILE]
 * </pre>
 *
 * It enrolls the bundled photos of Eileen Collins and Grace Hopper, saves the gallery (default
 * {@code people.gallery}), and identifies the transformed copy of the astronaut photo.
 */
public final class IdentifyAgainstGallery {

    private IdentifyAgainstGallery() {}

    /**
     * Runs the example.
     *
     * @param args optional gallery file to write
     */
    public static void main(String[] args) {
        Path gallery = Path.of(args.length > 0 ? args[0] : "people.gallery");
        for (FaceIdentification face : identify(Samples.read(Samples.ASTRONAUT_VARIANT), gallery)) {
            System.out.println(
                    face.identity().orElse("unknown")
                            + " (closest: "
                            + face.best().map(c -> c.identity() + " at " + c.distance()).orElse("-")
                            + ")");
        }
        System.out.println("gallery saved as " + gallery);
    }

    /**
     * Enrolls the two bundled people, saves the gallery, and identifies every face of a photo.
     *
     * @param photo the photo to identify
     * @param galleryFile where to save the gallery
     * @return one identification per face, with up to two candidates each
     */
    public static List<FaceIdentification> identify(RgbImage photo, Path galleryFile) {
        try (FaceDetector detector = MtcnnDetector.create();
                FaceEmbedder embedder = SavedModelEmbedder.compact();
                FaceMatcher matcher = FaceMatcher.of(detector, embedder)) {
            matcher.enroll("Eileen Collins", Samples.read(Samples.ASTRONAUT));
            matcher.enroll("Grace Hopper", Samples.read(Samples.GRACE_HOPPER));
            matcher.saveGallery(galleryFile);
            return matcher.identify(photo, 2);
        }
    }
}
