package dev.facekit.vggface.convert;

import io.jhdf.HdfFile;
import io.jhdf.Superblock;
import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import io.jhdf.exceptions.HdfException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Keras weight file (HDF5) opened for reading, layer by layer.
 *
 * <p>Keras writes the names of the model's layers, in order, into the attribute {@code layer_names}
 * of the weights group (the root group for {@code save_weights}, {@code model_weights} for a whole
 * model). Each layer has a group of its name (a name with {@code /} is a nested path) whose
 * attribute {@code weight_names} lists its weights, for example {@code conv1_1/kernel:0}; each
 * weight is the dataset at {@code <layer>/<weight name>}. Weights are found by those names only,
 * never by their position in the file, and every read checks the shape.
 *
 * <p>Not thread-safe. Closing releases the file.
 */
final class KerasWeightsFile implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(KerasWeightsFile.class);
    private static final byte[] HDF5_SIGNATURE = {
        (byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n'
    };

    private final Path path;
    private final HdfFile hdf;
    private final Group root;
    private final Set<String> layerNames;

    private KerasWeightsFile(Path path, HdfFile hdf, Group root, Set<String> layerNames) {
        this.path = path;
        this.hdf = hdf;
        this.root = root;
        this.layerNames = layerNames;
    }

    /**
     * Opens a Keras weight file after checking that it is a complete HDF5 file.
     *
     * @param path the {@code .h5} file
     * @return the open file, which the caller must close
     * @throws WeightsFileException if the file is missing, not HDF5, truncated or not Keras weights
     */
    static KerasWeightsFile open(Path path) {
        checkComplete(path);
        HdfFile hdf;
        try {
            hdf = new HdfFile(path);
        } catch (HdfException | IllegalArgumentException e) {
            throw new WeightsFileException(path, null, "not a readable HDF5 file: " + e, e);
        }
        try {
            Group root = weightsGroup(path, hdf);
            Set<String> names = new LinkedHashSet<>(stringsAttribute(path, root, "layer_names"));
            if (names.isEmpty()) {
                throw new WeightsFileException(path, null, "attribute layer_names is empty");
            }
            LOG.debug("opened Keras weights {} with {} layers", path, names.size());
            return new KerasWeightsFile(path, hdf, root, names);
        } catch (RuntimeException e) {
            hdf.close();
            throw e;
        }
    }

    /** Returns the file's path. */
    Path path() {
        return path;
    }

    /** Returns the layer names the file declares, in the file's order. */
    Set<String> layerNames() {
        return layerNames;
    }

    /** Returns whether the file declares a layer of that name. */
    boolean hasLayer(String layer) {
        return layerNames.contains(layer);
    }

    /**
     * Reads all weights of one layer, checking that the layer has exactly the expected weights and
     * that each has the expected shape.
     *
     * @param layer the Keras layer name, for example {@code conv2_1_1x1_reduce/bn}
     * @param expected the expected shape of each weight, by role: the last part of the weight name
     *     without {@code :0}, for example {@code kernel}, {@code bias}, {@code moving_mean}
     * @return the weights by role, flat in row-major (C) order
     * @throws WeightsFileException naming the layer if it is missing, has other weights, or a
     *     weight has another shape or cannot be read
     */
    Map<String, float[]> readLayer(String layer, Map<String, long[]> expected) {
        if (!layerNames.contains(layer)) {
            throw new WeightsFileException(
                    path, layer, "no such layer in layer_names; " + nearbyLayers(layer));
        }
        Group group = layerGroup(layer);
        Map<String, String> byRole = weightNamesByRole(layer, group);
        if (!byRole.keySet().equals(expected.keySet())) {
            throw new WeightsFileException(
                    path,
                    layer,
                    "expected weights "
                            + expected.keySet()
                            + " but the layer has "
                            + byRole.values());
        }
        Map<String, float[]> out = new LinkedHashMap<>();
        for (Map.Entry<String, long[]> e : expected.entrySet()) {
            out.put(e.getKey(), readWeight(layer, group, byRole.get(e.getKey()), e.getValue()));
        }
        return out;
    }

    @Override
    public void close() {
        hdf.close();
    }

    private float[] readWeight(String layer, Group group, String weightName, long[] shape) {
        Node node;
        try {
            node = group.getByPath(weightName);
        } catch (HdfException e) {
            throw new WeightsFileException(
                    path, layer, "weight '" + weightName + "' is listed but missing: " + e, e);
        }
        if (!(node instanceof Dataset dataset)) {
            throw new WeightsFileException(
                    path, layer, "weight '" + weightName + "' is not a dataset");
        }
        long[] found = Arrays.stream(dataset.getDimensions()).asLongStream().toArray();
        if (!Arrays.equals(found, shape)) {
            throw new WeightsFileException(
                    path,
                    layer,
                    "weight '"
                            + weightName
                            + "' has shape "
                            + Arrays.toString(found)
                            + ", expected "
                            + Arrays.toString(shape));
        }
        try {
            return toFloats(layer, weightName, dataset.getDataFlat());
        } catch (HdfException | IllegalStateException | IndexOutOfBoundsException e) {
            throw new WeightsFileException(
                    path, layer, "cannot read weight '" + weightName + "': " + e, e);
        }
    }

    private float[] toFloats(String layer, String weightName, Object data) {
        if (data instanceof float[] f) {
            return f;
        }
        if (data instanceof double[] d) {
            float[] f = new float[d.length];
            for (int i = 0; i < d.length; i++) {
                f[i] = (float) d[i];
            }
            return f;
        }
        throw new WeightsFileException(
                path,
                layer,
                "weight '"
                        + weightName
                        + "' holds "
                        + data.getClass().getComponentType()
                        + ", expected float32 or float64");
    }

    private Group layerGroup(String layer) {
        Node node;
        try {
            node = root.getByPath(layer);
        } catch (HdfException e) {
            throw new WeightsFileException(
                    path, layer, "the layer is in layer_names but has no group: " + e, e);
        }
        if (!(node instanceof Group group)) {
            throw new WeightsFileException(path, layer, "the layer's node is not a group");
        }
        return group;
    }

    private Map<String, String> weightNamesByRole(String layer, Group group) {
        Map<String, String> byRole = new LinkedHashMap<>();
        for (String name : stringsAttribute(path, group, "weight_names")) {
            String role = name.substring(name.lastIndexOf('/') + 1);
            int colon = role.indexOf(':');
            role = colon < 0 ? role : role.substring(0, colon);
            if (byRole.put(role, name) != null) {
                throw new WeightsFileException(path, layer, "two weights named " + role);
            }
        }
        return byRole;
    }

    private String nearbyLayers(String layer) {
        String prefix = layer.substring(0, Math.min(layer.length(), 4));
        Set<String> similar = new TreeSet<>();
        for (String name : layerNames) {
            if (name.startsWith(prefix) && similar.size() < 8) {
                similar.add(name);
            }
        }
        return similar.isEmpty()
                ? "the file has " + layerNames.size() + " layers, none starting with " + prefix
                : "similar layers in the file: " + similar;
    }

    private static Group weightsGroup(Path path, HdfFile hdf) {
        if (hasStringsAttribute(hdf, "layer_names")) {
            return hdf;
        }
        Node modelWeights = hdf.getChildren().get("model_weights");
        if (modelWeights instanceof Group g && hasStringsAttribute(g, "layer_names")) {
            return g;
        }
        throw new WeightsFileException(
                path,
                null,
                "no attribute layer_names at the root or in model_weights: not a Keras weight"
                        + " file");
    }

    private static boolean hasStringsAttribute(Node node, String name) {
        return node.getAttribute(name) != null || node.getAttribute(name + "0") != null;
    }

    /**
     * Reads a list-of-strings attribute. Keras splits one that would exceed HDF5's 64 KB object
     * header limit into {@code name0}, {@code name1}, ...; those are read in order and joined.
     */
    private static List<String> stringsAttribute(Path path, Node node, String name) {
        if (node.getAttribute(name) == null && node.getAttribute(name + "0") != null) {
            List<String> joined = new ArrayList<>();
            for (int i = 0; node.getAttribute(name + i) != null; i++) {
                joined.addAll(strings(path, node, name + i));
            }
            return joined;
        }
        return strings(path, node, name);
    }

    private static List<String> strings(Path path, Node node, String name) {
        Attribute attribute = node.getAttribute(name);
        if (attribute == null || attribute.isEmpty()) {
            return List.of();
        }
        Object data = attribute.getData();
        if (data instanceof String s) {
            return List.of(s);
        }
        if (data instanceof String[] strings) {
            return List.of(strings);
        }
        throw new WeightsFileException(
                path,
                node.getPath(),
                "attribute "
                        + name
                        + " holds "
                        + data.getClass().getSimpleName()
                        + ", not strings");
    }

    /** Rejects files that are missing, not HDF5, or shorter than their superblock says. */
    private static void checkComplete(Path path) {
        if (!Files.isRegularFile(path)) {
            throw new WeightsFileException(path, null, "no such file");
        }
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            long size = channel.size();
            ByteBuffer head = ByteBuffer.allocate(HDF5_SIGNATURE.length);
            channel.read(head, 0);
            if (size < HDF5_SIGNATURE.length || !Arrays.equals(head.array(), HDF5_SIGNATURE)) {
                throw new WeightsFileException(
                        path, null, "not an HDF5 file (no HDF5 signature at offset 0)");
            }
            long end;
            try {
                end = Superblock.readSuperblock(channel, 0).getEndOfFileAddress();
            } catch (HdfException | IndexOutOfBoundsException e) {
                throw new WeightsFileException(path, null, "unreadable HDF5 superblock: " + e, e);
            }
            if (size < end) {
                throw new WeightsFileException(
                        path,
                        null,
                        "truncated: the file has "
                                + size
                                + " bytes but its HDF5 superblock says "
                                + end
                                + " (an interrupted download?)");
            }
        } catch (IOException e) {
            throw new WeightsFileException(path, null, "cannot read: " + e, e);
        }
    }
}
