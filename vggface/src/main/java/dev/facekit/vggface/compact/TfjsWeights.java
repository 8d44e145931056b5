package dev.facekit.vggface.compact;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.facekit.model.ModelException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The weights of a TensorFlow.js model: a {@code *-weights_manifest.json} and the binary shards it
 * lists, read into float32 tensors by name.
 *
 * <p>The manifest is a list of groups, each with {@code paths} (the shard files, read back to back
 * as one byte stream) and {@code weights} (name, shape, dtype, and optionally {@code quantization}
 * {@code {dtype, scale, min}}). Tensors follow each other in the stream in manifest order,
 * little-endian. A quantised tensor stores one {@code uint8} (or {@code uint16}) {@code q} per
 * element and its value is {@code q * scale + min}, computed in double precision and rounded to
 * float32 as TensorFlow.js does.
 *
 * <p>Immutable after reading and thread-safe. A {@link Tensor} holds its arrays without copying
 * them: callers must not modify them.
 */
public final class TfjsWeights {

    private final Path manifest;
    private final Map<String, Tensor> tensors;

    private TfjsWeights(Path manifest, Map<String, Tensor> tensors) {
        this.manifest = manifest;
        this.tensors = tensors;
    }

    /**
     * One dequantised tensor.
     *
     * @param name the manifest name, for example {@code conv32_down/conv/filters}
     * @param shape the shape
     * @param values the values in row-major order
     */
    public record Tensor(String name, long[] shape, float[] values) {

        /** Returns the shape as a string such as {@code [3, 3, 32, 32]}. */
        public String shapeString() {
            return Arrays.toString(shape);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Tensor t
                    && name.equals(t.name)
                    && Arrays.equals(shape, t.shape)
                    && Arrays.equals(values, t.values);
        }

        @Override
        public int hashCode() {
            return name.hashCode() * 31 + Arrays.hashCode(shape);
        }

        @Override
        public String toString() {
            return "Tensor[" + name + ", " + shapeString() + "]";
        }
    }

    /**
     * Reads a manifest and its shards (found next to the manifest).
     *
     * @param manifest the {@code *-weights_manifest.json} file
     * @return the weights
     * @throws ModelException if a file is missing or the shards do not hold what the manifest says
     */
    public static TfjsWeights read(Path manifest) {
        String where = manifest.toAbsolutePath().toString();
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(manifest.toFile());
        } catch (IOException e) {
            throw new ModelException(where + ": cannot read TensorFlow.js manifest: " + e, e);
        }
        if (root == null || !root.isArray()) {
            throw new ModelException(where + ": expected a JSON array of weight groups");
        }
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (JsonNode group : root) {
            readGroup(manifest, group, out);
        }
        return new TfjsWeights(manifest, Collections.unmodifiableMap(out));
    }

    private static void readGroup(Path manifest, JsonNode group, Map<String, Tensor> out) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (JsonNode p : group.path("paths")) {
            Path shard = manifest.resolveSibling(p.asText());
            try {
                bytes.write(Files.readAllBytes(shard));
            } catch (IOException e) {
                throw new ModelException(shard.toAbsolutePath() + ": cannot read shard: " + e, e);
            }
        }
        ByteBuffer buf = ByteBuffer.wrap(bytes.toByteArray()).order(ByteOrder.LITTLE_ENDIAN);
        for (JsonNode w : group.path("weights")) {
            Tensor t = readTensor(manifest, w, buf);
            if (out.put(t.name(), t) != null) {
                throw new ModelException(manifest + ": tensor " + t.name() + " listed twice");
            }
        }
        if (buf.hasRemaining()) {
            throw new ModelException(
                    manifest
                            + ": "
                            + buf.remaining()
                            + " bytes left over after the last tensor of group "
                            + group.path("paths"));
        }
    }

    private static Tensor readTensor(Path manifest, JsonNode w, ByteBuffer buf) {
        String name = w.path("name").asText();
        long[] shape = new long[w.path("shape").size()];
        long count = 1;
        for (int i = 0; i < shape.length; i++) {
            shape[i] = w.path("shape").get(i).asLong();
            count *= shape[i];
        }
        if (!"float32".equals(w.path("dtype").asText())) {
            throw new ModelException(
                    manifest
                            + ": tensor "
                            + name
                            + " has dtype "
                            + w.path("dtype")
                            + ", expected"
                            + " float32");
        }
        JsonNode q = w.get("quantization");
        String stored = q == null ? "float32" : q.path("dtype").asText();
        int width =
                switch (stored) {
                    case "float32" -> 4;
                    case "uint8" -> 1;
                    case "uint16" -> 2;
                    default ->
                            throw new ModelException(
                                    manifest
                                            + ": tensor "
                                            + name
                                            + " has unsupported quantization "
                                            + stored);
                };
        if (buf.remaining() < count * width) {
            throw new ModelException(
                    manifest
                            + ": shards end inside tensor "
                            + name
                            + " "
                            + Arrays.toString(shape)
                            + ": need "
                            + count * width
                            + " bytes, "
                            + buf.remaining()
                            + " left");
        }
        float[] values = new float[(int) count];
        double scale = q == null ? 0 : q.path("scale").asDouble();
        double min = q == null ? 0 : q.path("min").asDouble();
        for (int i = 0; i < values.length; i++) {
            values[i] =
                    switch (width) {
                        case 4 -> buf.getFloat();
                        case 1 -> (float) ((buf.get() & 0xff) * scale + min);
                        default -> (float) ((buf.getShort() & 0xffff) * scale + min);
                    };
        }
        return new Tensor(name, shape, values);
    }

    /** Returns the manifest file these weights were read from. */
    public Path manifest() {
        return manifest;
    }

    /** Returns the tensor names in manifest order. */
    public java.util.Set<String> names() {
        return tensors.keySet();
    }

    /**
     * Returns a tensor's shape.
     *
     * @param name the manifest name
     * @return a copy of its shape
     * @throws ModelException if there is no such tensor
     */
    public long[] shape(String name) {
        Tensor t = tensors.get(name);
        if (t == null) {
            throw new ModelException(manifest + ": no tensor " + name);
        }
        return t.shape().clone();
    }

    /**
     * Returns one tensor, checking its shape.
     *
     * @param name the manifest name
     * @param shape the expected shape
     * @return the tensor
     * @throws ModelException if the tensor is missing or has another shape
     */
    public Tensor get(String name, long... shape) {
        Tensor t = tensors.get(name);
        if (t == null) {
            throw new ModelException(manifest + ": no tensor " + name);
        }
        if (!Arrays.equals(t.shape(), shape)) {
            throw new ModelException(
                    manifest
                            + ": tensor "
                            + name
                            + " has shape "
                            + t.shapeString()
                            + ", expected "
                            + Arrays.toString(shape));
        }
        return t;
    }
}
