package dev.facekit.vggface.compact;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.facekit.embed.Embedding;
import dev.facekit.image.RgbImage;
import dev.facekit.testing.SharedData;
import dev.facekit.vggface.SavedModelEmbedder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The bundled compact model against the reference implementation (TensorFlow.js, same weights) on
 * the 300 reference chips: every descriptor must have cosine similarity >= 0.9999 with the
 * reference and no component may be off by more than 0.002.
 */
class CompactParityTest {

    @Test
    void everyReferenceChipGivesTheReferenceDescriptor() throws Exception {
        Path dir = SharedData.require("faces/reference/compact");
        JsonNode ref = new ObjectMapper().readTree(dir.resolve("descriptors.json").toFile());
        List<String> names = new ArrayList<>();
        List<RgbImage> chips = new ArrayList<>();
        List<float[]> expected = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = ref.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            names.add(e.getKey());
            chips.add(RgbImage.read(dir.resolve("chips").resolve(e.getKey())));
            JsonNode d = e.getValue().get("descriptor");
            float[] v = new float[d.size()];
            for (int i = 0; i < v.length; i++) {
                v[i] = (float) d.get(i).asDouble();
            }
            expected.add(v);
        }
        assertThat(chips).hasSize(300);

        double minCos = 1;
        double maxDiff = 0;
        String worst = "";
        try (SavedModelEmbedder embedder = SavedModelEmbedder.compact()) {
            for (int start = 0; start < chips.size(); start += 32) {
                int end = Math.min(chips.size(), start + 32);
                List<Embedding> got = embedder.embedChips(chips.subList(start, end));
                for (int i = start; i < end; i++) {
                    Embedding want = new Embedding(embedder.modelName(), expected.get(i));
                    Embedding e = got.get(i - start);
                    double cos = e.cosineSimilarity(want);
                    if (cos < minCos) {
                        minCos = cos;
                        worst = names.get(i);
                    }
                    for (int k = 0; k < e.dimension(); k++) {
                        maxDiff = Math.max(maxDiff, Math.abs(e.get(k) - want.get(k)));
                    }
                }
            }
        }
        System.out.printf(
                "compact parity over %d chips: min cosine %.9f (1 - cos = %.2g, %s), max abs diff %.3g%n",
                chips.size(), minCos, 1 - minCos, worst, maxDiff);
        assertThat(minCos).isGreaterThanOrEqualTo(0.9999);
        assertThat(maxDiff).isLessThanOrEqualTo(0.002);
    }
}
