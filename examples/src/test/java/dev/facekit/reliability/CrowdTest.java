package dev.facekit.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.facekit.detect.DetectedFace;
import dev.facekit.embed.Embedding;
import dev.facekit.geometry.BoundingBox;
import dev.facekit.image.RgbImage;
import dev.facekit.mtcnn.MtcnnDetector;
import dev.facekit.testing.SharedData;
import dev.facekit.vggface.SavedModelEmbedder;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/**
 * A crowd photo with hundreds of faces (the shared "World's Largest Selfie", 1600 x 898, skipped
 * without the shared data) goes through detection and one embedding batch of every face.
 *
 * <p>The time bound is a hang guard (ten times what the loaded build machine needed), not a speed
 * claim; speed is measured by the benchmarks.
 */
class CrowdTest {

    private static final String CROWD = "faces/detection/djl/largest_selfie.jpg";

    @Test
    void hundredsOfFacesAreFoundInsideTheImageAndAllEmbedInOneBatch() throws Exception {
        Path file = SharedData.require(CROWD);
        JsonNode reference =
                new ObjectMapper()
                        .readTree(SharedData.require("faces/reference/mtcnn.json").toFile())
                        .get(CROWD.substring("faces/".length()));
        RgbImage image = RgbImage.read(file);

        try (MtcnnDetector detector = MtcnnDetector.create();
                SavedModelEmbedder embedder = SavedModelEmbedder.compact()) {
            List<DetectedFace> faces =
                    assertTimeoutPreemptively(
                            Duration.ofSeconds(120), () -> detector.detect(image));
            List<Embedding> embeddings =
                    assertTimeoutPreemptively(
                            Duration.ofSeconds(120), () -> embedder.embed(image, faces));

            // As many faces as the reference MTCNN finds (312), nearly all of them the same ones.
            int expected = reference.get("faces").size();
            assertThat(faces.size()).isGreaterThan(100).isBetween(expected - 3, expected + 3);
            long matched =
                    StreamSupport.stream(reference.get("faces").spliterator(), false)
                            .filter(r -> found(r, faces))
                            .count();
            assertThat(matched).isGreaterThanOrEqualTo(Math.round(0.98 * expected));

            // Valid, sorted, inside the image, and no two the same face after NMS.
            for (int i = 0; i < faces.size(); i++) {
                BoundingBox b = faces.get(i).box();
                assertThat(b.x()).isGreaterThanOrEqualTo(0f);
                assertThat(b.y()).isGreaterThanOrEqualTo(0f);
                assertThat(b.right()).isLessThanOrEqualTo(image.width());
                assertThat(b.bottom()).isLessThanOrEqualTo(image.height());
                if (i > 0) {
                    assertThat(faces.get(i).confidence())
                            .isLessThanOrEqualTo(faces.get(i - 1).confidence());
                }
                for (int j = 0; j < i; j++) {
                    assertThat(b.iou(faces.get(j).box()))
                            .as("faces %d and %d", j, i)
                            .isLessThan(0.7f);
                }
            }
            assertThat(embeddings).hasSameSizeAs(faces);
            assertThat(embeddings).allMatch(e -> e.dimension() == 128 && Double.isFinite(e.norm()));
            assertThat(embeddings.get(0))
                    .isEqualTo(embedder.embed(image, faces.subList(0, 1)).get(0));
        }
    }

    private static boolean found(JsonNode r, List<DetectedFace> faces) {
        JsonNode box = r.get("box");
        BoundingBox b =
                new BoundingBox(
                        (float) box.get(0).asDouble(),
                        (float) box.get(1).asDouble(),
                        (float) box.get(2).asDouble(),
                        (float) box.get(3).asDouble());
        return faces.stream().anyMatch(f -> f.box().iou(b) >= 0.5f);
    }
}
