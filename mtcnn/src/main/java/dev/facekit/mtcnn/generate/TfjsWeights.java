package dev.facekit.mtcnn.generate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Weights read from a TensorFlow.js weights manifest and its shard files: every entry of the
 * manifest names a float32 tensor, its shape and, by its position, its bytes in the concatenated
 * little-endian shards.
 */
final class TfjsWeights {

    /** One named tensor: its shape and its values in row-major order. */
    record Entry(String name, long[] shape, float[] values) {}

    private final Map<String, Entry> entries;

    private TfjsWeights(Map<String, Entry> entries) {
        this.entries = entries;
    }

    /**
     * Reads the manifest and the shards it lists, which sit next to it.
     *
     * @param manifest the {@code *-weights_manifest.json} file
     * @return the weights in manifest order
     * @throws IOException if a file cannot be read
     * @throws IllegalArgumentException if the manifest is malformed, names a dtype other than
     *     float32, or the shards hold fewer or more bytes than it declares
     */
    static TfjsWeights read(Path manifest) throws IOException {
        JsonNode root = new ObjectMapper().readTree(manifest.toFile());
        Map<String, Entry> entries = new LinkedHashMap<>();
        for (JsonNode group : root) {
            ByteBuffer data = concatenatedShards(manifest.getParent(), group.get("paths"));
            for (JsonNode w : group.get("weights")) {
                String name = w.get("name").asText();
                String dtype = w.get("dtype").asText();
                if (!dtype.equals("float32")) {
                    throw new IllegalArgumentException(
                            manifest
                                    + ": weight "
                                    + name
                                    + " has dtype "
                                    + dtype
                                    + ", not float32");
                }
                long[] shape = new long[w.get("shape").size()];
                for (int i = 0; i < shape.length; i++) {
                    shape[i] = w.get("shape").get(i).asLong();
                }
                int count = Math.toIntExact(Arrays.stream(shape).reduce(1, (a, b) -> a * b));
                if (data.remaining() < 4L * count) {
                    throw new IllegalArgumentException(
                            manifest + ": shards end before weight " + name);
                }
                float[] values = new float[count];
                data.asFloatBuffer().get(values);
                data.position(data.position() + 4 * count);
                entries.put(name, new Entry(name, shape, values));
            }
            if (data.hasRemaining()) {
                throw new IllegalArgumentException(
                        manifest + ": " + data.remaining() + " bytes left after the last weight");
            }
        }
        return new TfjsWeights(entries);
    }

    private static ByteBuffer concatenatedShards(Path dir, JsonNode paths) throws IOException {
        byte[][] parts = new byte[paths.size()][];
        int total = 0;
        for (int i = 0; i < parts.length; i++) {
            parts[i] = Files.readAllBytes(dir.resolve(paths.get(i).asText()));
            total = Math.addExact(total, parts[i].length);
        }
        ByteBuffer all = ByteBuffer.allocate(total).order(ByteOrder.LITTLE_ENDIAN);
        for (byte[] p : parts) {
            all.put(p);
        }
        return all.flip();
    }

    /**
     * Returns one weight, checking its shape.
     *
     * @param name the manifest name, for example {@code pnet/conv1/weights}
     * @param shape the expected shape
     * @return the entry
     * @throws IllegalArgumentException if it is missing or has another shape
     */
    Entry get(String name, long... shape) {
        Entry e = entries.get(name);
        if (e == null) {
            throw new IllegalArgumentException("weight " + name + " is not in the manifest");
        }
        if (!Arrays.equals(e.shape(), shape)) {
            throw new IllegalArgumentException(
                    "weight "
                            + name
                            + " has shape "
                            + Arrays.toString(e.shape())
                            + ", expected "
                            + Arrays.toString(shape));
        }
        return e;
    }

    /** Returns every entry, in manifest order. */
    Map<String, Entry> entries() {
        return entries;
    }
}
