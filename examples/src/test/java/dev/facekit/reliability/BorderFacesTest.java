package dev.facekit.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.facekit.align.AlignmentTemplate;
import dev.facekit.align.BoxCropper;
import dev.facekit.align.LandmarkAligner;
import dev.facekit.detect.DetectedFace;
import dev.facekit.embed.Embedding;
import dev.facekit.geometry.BoundingBox;
import dev.facekit.image.RgbImage;
import dev.facekit.mtcnn.MtcnnDetector;
import dev.facekit.testing.SharedData;
import dev.facekit.vggface.SavedModelEmbedder;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Faces that touch or are cut by the image border: the portrait cut so that its face loses a part
 * on one side or at a corner. Every face found has a box clipped to the image (never negative,
 * never past the right or bottom edge, never empty), and its box crop, its alignment and its
 * embedding work: chips of the asked size, finite embeddings, no exception. Landmarks may lie
 * outside the image (MTCNN places them where the face would be); alignment replicates the border
 * there.
 */
class BorderFacesTest {

    private static MtcnnDetector detector;
    private static SavedModelEmbedder embedder;
    private static RgbImage portrait;
    private static BoundingBox face;

    @BeforeAll
    static void load() {
        portrait = Photos.portrait();
        detector = MtcnnDetector.create();
        embedder = SavedModelEmbedder.compact();
        List<DetectedFace> faces = detector.detect(portrait);
        assertThat(faces).hasSize(1);
        face = faces.get(0).box();
    }

    @AfterAll
    static void close() {
        if (embedder != null) {
            embedder.close();
        }
        if (detector != null) {
            detector.close();
        }
    }

    /**
     * The cuts: the fractions of the face's box width or height removed on the left, top, right and
     * bottom; 0 on a side means the cut passes exactly along the face's box there (the face touches
     * the border); -1 means that side keeps the whole photo. {@code mustFind} marks the cuts that
     * leave enough of the face for MTCNN to find it (checked on the bundled portrait and on the
     * shared deepface portrait); on the others a face may or may not be found, and whatever is
     * found must still be valid.
     */
    static Stream<Arguments> cuts() {
        return Stream.of(
                Arguments.of("touching the left border", 0f, -1f, -1f, -1f, true),
                Arguments.of("touching the top border", -1f, 0f, -1f, -1f, true),
                Arguments.of("touching the right and bottom borders", -1f, -1f, 0f, 0f, true),
                Arguments.of("a quarter cut off on the left", 0.25f, -1f, -1f, -1f, true),
                Arguments.of("a quarter cut off at the top", -1f, 0.25f, -1f, -1f, true),
                Arguments.of("a third cut off at the bottom", -1f, -1f, -1f, 0.33f, true),
                Arguments.of("cut at the top-left corner", 0.2f, 0.2f, -1f, -1f, true),
                Arguments.of("cut at the bottom-right corner", -1f, -1f, 0.2f, 0.2f, true),
                Arguments.of("a third cut off on the right", -1f, -1f, 0.33f, -1f, false),
                Arguments.of("half cut off on the left", 0.5f, -1f, -1f, -1f, false),
                Arguments.of("cut on all four sides", 0.15f, 0.15f, 0.15f, 0.15f, false));
    }

    @ParameterizedTest(name = "face {0}")
    @MethodSource("cuts")
    void faceAtTheBorderHasAClippedBoxAndItsChipsAndEmbeddingWork(
            String name, float left, float top, float right, float bottom, boolean mustFind) {
        int x0 = left < 0 ? 0 : (int) Math.ceil(face.x() + left * face.width());
        int y0 = top < 0 ? 0 : (int) Math.ceil(face.y() + top * face.height());
        int x1 = right < 0 ? portrait.width() : (int) (face.right() - right * face.width());
        int y1 = bottom < 0 ? portrait.height() : (int) (face.bottom() - bottom * face.height());
        RgbImage image = Photos.crop(portrait, x0, y0, x1 - x0, y1 - y0);

        List<DetectedFace> faces = detector.detect(image);

        for (DetectedFace f : faces) {
            assertClippedToTheImage(f.box(), image);
        }
        if (mustFind) {
            assertThat(faces)
                    .as("faces in the %dx%d cut", image.width(), image.height())
                    .hasSize(1);
            // Where the face is cut, its box was clipped: it lies on that border exactly.
            BoundingBox b = faces.get(0).box();
            if (left > 0) {
                assertThat(b.x()).isZero();
            }
            if (top > 0) {
                assertThat(b.y()).isZero();
            }
            if (right > 0) {
                assertThat(b.right()).isCloseTo(image.width(), within(1e-3f));
            }
            if (bottom > 0) {
                assertThat(b.bottom()).isCloseTo(image.height(), within(1e-3f));
            }
        }
        assertChipsAndEmbeddingsWork(image, faces);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(
            strings = {
                "faces/detection/face_recognition/obama_partial_face.jpg",
                "faces/detection/face_recognition/obama_partial_face2.jpg"
            })
    void sharedPhotoOfAFaceCutByTheBorderGivesAClippedBoxAndWorkingChips(String relative) {
        RgbImage image = RgbImage.read(SharedData.require(relative));

        List<DetectedFace> faces = detector.detect(image);

        assertThat(faces).isNotEmpty();
        for (DetectedFace f : faces) {
            assertClippedToTheImage(f.box(), image);
        }
        assertChipsAndEmbeddingsWork(image, faces);
    }

    private static void assertClippedToTheImage(BoundingBox b, RgbImage image) {
        assertThat(b.x()).isGreaterThanOrEqualTo(0f);
        assertThat(b.y()).isGreaterThanOrEqualTo(0f);
        assertThat(b.right()).isLessThanOrEqualTo(image.width());
        assertThat(b.bottom()).isLessThanOrEqualTo(image.height());
        assertThat(b.width()).isPositive();
        assertThat(b.height()).isPositive();
    }

    private static void assertChipsAndEmbeddingsWork(RgbImage image, List<DetectedFace> faces) {
        LandmarkAligner aligner = new LandmarkAligner(AlignmentTemplate.DLIB_150);
        BoxCropper tight = new BoxCropper(112, 0f);
        BoxCropper wide = new BoxCropper(224, 20f);
        for (DetectedFace f : faces) {
            assertSize(aligner.crop(image, f), 150);
            assertSize(tight.crop(image, f), 112);
            assertSize(wide.crop(image, f), 224);
            assertSize(embedder.cropper().crop(image, f), embedder.inputSize());
        }
        List<Embedding> embeddings = embedder.embed(image, faces);
        assertThat(embeddings).hasSameSizeAs(faces);
        for (Embedding e : embeddings) {
            assertThat(e.dimension()).isEqualTo(128);
            assertThat(e.norm()).isPositive().isFinite();
        }
    }

    private static void assertSize(RgbImage chip, int size) {
        assertThat(chip.width()).isEqualTo(size);
        assertThat(chip.height()).isEqualTo(size);
    }
}
