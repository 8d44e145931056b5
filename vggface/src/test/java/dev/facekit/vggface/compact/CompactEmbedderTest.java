package dev.facekit.vggface.compact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.facekit.align.AlignmentTemplate;
import dev.facekit.align.LandmarkAligner;
import dev.facekit.embed.Embedding;
import dev.facekit.embed.Metric;
import dev.facekit.geometry.Landmarks;
import dev.facekit.image.RgbImage;
import dev.facekit.testing.SharedData;
import dev.facekit.vggface.SavedModelEmbedder;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CompactEmbedderTest {

    @Test
    void bundledModelDescribesItself() {
        try (SavedModelEmbedder e = SavedModelEmbedder.compact()) {
            assertThat(e.modelName()).isEqualTo("dlib-resnet-v1");
            assertThat(e.inputSize()).isEqualTo(150);
            assertThat(e.dimension()).isEqualTo(128);
            assertThat(e.hasClassifier()).isFalse();
            assertThat(e.defaultThreshold().metric()).isEqualTo(Metric.EUCLIDEAN);
            assertThat(e.defaultThreshold().distance()).isEqualTo(0.5507094242715869);
            assertThat(e.cropper()).isEqualTo(new LandmarkAligner(CompactModelGenerator.TEMPLATE));
            assertThat(e.location()).isEqualTo("classpath:/dev/facekit/vggface/compact");
            assertThat(e.descriptor()).isEqualTo(CompactModelGenerator.descriptor());
        }
    }

    @Test
    void bundledModelRefusesWrongChipsAndWorkAfterClose() {
        SavedModelEmbedder e = SavedModelEmbedder.compact();
        assertThatThrownBy(() -> e.embedChip(RgbImage.filled(160, 160, 0)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("chip 0 is 160x160, model dlib-resnet-v1 needs 150x150");
        e.close();
        assertThatThrownBy(() -> e.embedChip(RgbImage.filled(150, 150, 0)))
                .isInstanceOf(IllegalStateException.class);
    }

    /**
     * Aligning the source photos ourselves (core's LandmarkAligner with dlib's template and the
     * landmarks the reference used) gives the reference chips and descriptors: this checks
     * alignment and embedding together. Measured on the first 40: 38 chips differ from the
     * reference chips by a mean of at most 0.5 grey levels (JPEG decoders round differently); two
     * photos decode differently (chip035, a 630x374 JPEG, by a mean of 12 levels; chip038, a
     * 1638x2048 JPEG, by 4), and cosine similarities go down to 0.9987, hence the looser bound than
     * the chip parity test.
     */
    @Test
    void aligningTheSourcePhotosReproducesTheReferenceDescriptors() throws Exception {
        Path faces = SharedData.require("faces");
        Path dir = faces.resolve("reference/compact");
        JsonNode ref = new ObjectMapper().readTree(dir.resolve("descriptors.json").toFile());
        LandmarkAligner aligner = new LandmarkAligner(AlignmentTemplate.DLIB_150);
        double minCos = 1;
        int n = 0;
        int closeChips = 0;
        try (SavedModelEmbedder e = SavedModelEmbedder.compact()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = ref.fields();
                    it.hasNext() && n < 40; ) {
                Map.Entry<String, JsonNode> next = it.next();
                String name = next.getKey();
                JsonNode entry = next.getValue();
                float[] xy = new float[10];
                for (int i = 0; i < 5; i++) {
                    xy[2 * i] = (float) entry.get("landmarks").get(i).get(0).asDouble();
                    xy[2 * i + 1] = (float) entry.get("landmarks").get(i).get(1).asDouble();
                }
                RgbImage photo = RgbImage.read(faces.resolve(entry.get("source").asText()));
                RgbImage chip = aligner.align(photo, Landmarks.of(xy));
                byte[] mine = chip.toRgbBytes();
                byte[] theirs = RgbImage.read(dir.resolve("chips").resolve(name)).toRgbBytes();
                double sum = 0;
                for (int i = 0; i < mine.length; i++) {
                    sum += Math.abs((mine[i] & 0xff) - (theirs[i] & 0xff));
                }
                if (sum / mine.length <= 0.5) {
                    closeChips++;
                }
                Embedding got = e.embedChip(chip);
                float[] want = new float[128];
                for (int k = 0; k < 128; k++) {
                    want[k] = (float) entry.get("descriptor").get(k).asDouble();
                }
                minCos = Math.min(minCos, got.cosineSimilarity(new Embedding(e.modelName(), want)));
                n++;
            }
        }
        System.out.printf(
                "aligned from source photos: %d of %d chips within a mean 0.5 grey level of the"
                        + " reference chips; min cosine %.6f%n",
                closeChips, n, minCos);
        assertThat(n).isEqualTo(40);
        assertThat(closeChips).isGreaterThanOrEqualTo(38);
        assertThat(minCos).isGreaterThanOrEqualTo(0.998);
    }
}
