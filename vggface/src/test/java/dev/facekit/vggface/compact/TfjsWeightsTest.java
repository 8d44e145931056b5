package dev.facekit.vggface.compact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.facekit.model.ModelException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TfjsWeightsTest {

    private static final String MANIFEST =
            """
            [{"paths": ["m-shard1", "m-shard2"], "weights": [
              {"name": "a/filters", "shape": [2], "dtype": "float32"},
              {"name": "b", "shape": [3, 1], "dtype": "float32",
               "quantization": {"dtype": "uint8", "scale": 0.5, "min": -1.0}}]}]
            """;

    /** Two float32 values then three uint8 values, split over two shards mid-tensor. */
    private static Path write(Path dir, int dropBytes) throws Exception {
        ByteBuffer b = ByteBuffer.allocate(11).order(ByteOrder.LITTLE_ENDIAN);
        b.putFloat(1.5f).putFloat(-2.25f).put((byte) 0).put((byte) 3).put((byte) 255);
        byte[] all = b.array();
        Files.write(dir.resolve("m-shard1"), java.util.Arrays.copyOfRange(all, 0, 6));
        Files.write(dir.resolve("m-shard2"), java.util.Arrays.copyOfRange(all, 6, 11 - dropBytes));
        Path manifest = dir.resolve("m-weights_manifest.json");
        Files.writeString(manifest, MANIFEST);
        return manifest;
    }

    @Test
    void readsFloatAndDequantisesUint8AcrossShards(@TempDir Path dir) throws Exception {
        TfjsWeights w = TfjsWeights.read(write(dir, 0));
        assertThat(w.names()).containsExactly("a/filters", "b");
        assertThat(w.get("a/filters", 2).values()).containsExactly(1.5f, -2.25f);
        // q * scale + min: 0 -> -1, 3 -> 0.5, 255 -> 126.5
        assertThat(w.get("b", 3, 1).values()).containsExactly(-1f, 0.5f, 126.5f);
        assertThat(w.shape("b")).containsExactly(3, 1);
    }

    @Test
    void truncatedShardNamesTheTensorAndTheBytes(@TempDir Path dir) throws Exception {
        Path manifest = write(dir, 1);
        assertThatThrownBy(() -> TfjsWeights.read(manifest))
                .isInstanceOf(ModelException.class)
                .hasMessage(manifest + ": shards end inside tensor b [3, 1]: need 3 bytes, 2 left");
    }

    @Test
    void wrongShapeAndMissingTensorAreNamed(@TempDir Path dir) throws Exception {
        Path manifest = write(dir, 0);
        TfjsWeights w = TfjsWeights.read(manifest);
        assertThatThrownBy(() -> w.get("b", 3))
                .isInstanceOf(ModelException.class)
                .hasMessage(manifest + ": tensor b has shape [3, 1], expected [3]");
        assertThatThrownBy(() -> w.get("fc", 256, 128))
                .isInstanceOf(ModelException.class)
                .hasMessage(manifest + ": no tensor fc");
    }

    @Test
    void leftoverBytesAreAnError(@TempDir Path dir) throws Exception {
        Path manifest = write(dir, 0);
        Files.write(dir.resolve("m-shard2"), new byte[] {0, 0, 0, 0, 0, 9});
        assertThatThrownBy(() -> TfjsWeights.read(manifest))
                .isInstanceOf(ModelException.class)
                .hasMessageContaining("1 bytes left over after the last tensor");
    }
}
