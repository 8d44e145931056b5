package dev.facekit.mtcnn;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.facekit.detect.DetectedFace;
import dev.facekit.geometry.BoundingBox;
import dev.facekit.geometry.Point;
import dev.facekit.image.RgbImage;
import dev.facekit.testing.SharedData;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * FaceKit against the reference MTCNN outputs on a handful of photos, square and not (portrait and
 * landscape, which would fail if the width/height transpose the weights expect were wrong).
 */
class ReferenceParityTest {

    private static MtcnnDetector detector;
    private static JsonNode reference;
    private static Path faces;

    @BeforeAll
    static void load() throws Exception {
        detector = MtcnnDetector.create();
    }

    @AfterAll
    static void close() {
        detector.close();
    }

    private static JsonNode reference() throws Exception {
        if (reference == null) {
            faces = SharedData.require("faces");
            Path file = SharedData.require("faces/reference/mtcnn.json");
            reference = new ObjectMapper().readTree(file.toFile());
        }
        return reference;
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "detection/deepface/target.jpg", // 760x502
                "detection/dlib_faces/2008_001009.jpg", // 360x480
                "detection/face_recognition/kit_with_rose.jpg", // 501x700
                "detection/faceapi/neutral.jpg", // 608x276
                "detection/faceapi/face_rectangular.png", // 122x178
                "detection/faceapi/bbt2.jpg", // 675x469, a face at 0.711
                "detection/face_recognition/obama-720p.jpg", // a face at 0.788
                "verification/lfw/Aaron_Guiel/Aaron_Guiel_0001.jpg" // 250x250
            })
    void matchesTheReferenceFaces(String photo) throws Exception {
        JsonNode ref = reference().get(photo);
        assertThat(ref).as("reference entry for " + photo).isNotNull();
        RgbImage image = RgbImage.read(faces.resolve(photo));
        List<DetectedFace> ours = detector.detect(image);

        assertThat(ours).hasSameSizeAs(ref.get("faces"));
        for (JsonNode r : ref.get("faces")) {
            BoundingBox box = box(r, image);
            DetectedFace best =
                    ours.stream()
                            .max((a, b) -> Float.compare(a.box().iou(box), b.box().iou(box)))
                            .orElseThrow();
            assertThat(best.box().iou(box)).isGreaterThanOrEqualTo(0.8f);
            assertThat(best.confidence())
                    .isCloseTo((float) r.get("confidence").asDouble(), within(0.02f));
            List<Point> pts = best.landmarks().points();
            for (int k = 0; k < 5; k++) {
                JsonNode p = r.get("landmarks").get(k);
                double d =
                        Math.hypot(
                                pts.get(k).x() - p.get(0).asDouble(),
                                pts.get(k).y() - p.get(1).asDouble());
                assertThat(d).as("landmark %d of %s", k, photo).isLessThanOrEqualTo(1.0);
            }
        }
    }

    /** The reference box, clipped to the image as FaceKit clips its own. */
    private static BoundingBox box(JsonNode face, RgbImage image) {
        JsonNode b = face.get("box");
        float x = (float) b.get(0).asDouble();
        float y = (float) b.get(1).asDouble();
        return new BoundingBox(x, y, (float) b.get(2).asDouble(), (float) b.get(3).asDouble())
                .clip(image.width(), image.height());
    }

    private static org.assertj.core.data.Offset<Float> within(float v) {
        return org.assertj.core.data.Offset.offset(v);
    }
}
