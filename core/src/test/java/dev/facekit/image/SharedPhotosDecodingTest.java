package dev.facekit.image;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.facekit.testing.SharedData;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every photo of the shared data decodes, and to the upright size that the independent reference
 * pipeline recorded in {@code faces/reference/mtcnn.json} (EXIF orientation applied). Skipped when
 * the shared data is absent.
 */
class SharedPhotosDecodingTest {

    @Test
    void everySharedPhotoDecodesToItsReferenceUprightSize() throws IOException {
        Path faces = SharedData.require("faces");
        JsonNode reference =
                new ObjectMapper().readTree(faces.resolve("reference/mtcnn.json").toFile());
        List<String> wrong = new ArrayList<>();
        int decoded = 0;
        int lfw = 0;
        for (Iterator<Map.Entry<String, JsonNode>> it = reference.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getKey().startsWith("verification/lfw/") && lfw++ % 10 != 0) {
                continue;
            }
            Path file = faces.resolve(e.getKey());
            RgbImage image = ImageDecoder.defaults().decode(file);
            int w = e.getValue().get("width").asInt();
            int h = e.getValue().get("height").asInt();
            if (image.width() != w || image.height() != h) {
                wrong.add(e.getKey() + " " + image + " expected " + w + "x" + h);
            }
            decoded++;
        }
        assertThat(wrong).as("photos of another size than the reference").isEmpty();
        assertThat(decoded).isGreaterThan(900);
    }
}
