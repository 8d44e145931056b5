package dev.facekit.vggface.convert;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.WritableGroup;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A keras-vggface network with deterministic pseudo-random weights, written as a Keras HDF5 weight
 * file in the layout keras-vggface's files have: root attribute {@code layer_names} (every layer,
 * in model order, weightless ones included), one group per layer (names with {@code /} nest),
 * attribute {@code weight_names} ({@code <layer>/kernel:0}, ...) and the datasets at {@code
 * <layer>/<weight name>}.
 *
 * <p>The layer list is written here from keras-vggface's {@code models.py}, independently of the
 * converter. Values are generated per layer from the seed and the layer name, on demand, so the
 * full networks never sit on the heap twice. One difference from files written by h5py: jhdf
 * 0.10.0's writer cannot write an empty group, so weightless layers appear in {@code layer_names}
 * but get no group (the converter never opens them).
 *
 * <p>Widths can be divided by a power of two ({@code widthDivisor}) and the classes changed, for
 * fast tests of whole networks; the divisor-1 network has exactly the published shapes.
 */
public final class SyntheticWeights {

    /** One weight of a layer: its Keras role ({@code kernel}, {@code gamma}, ...) and shape. */
    record Weight(String role, int[] shape) {}

    private final Architecture architecture;
    private final int widthDivisor;
    private final int classes;
    private final long seed;
    private boolean sine;
    private final List<String> layerNames = new ArrayList<>();
    private final Map<String, List<Weight>> weights = new LinkedHashMap<>();
    private final Map<String, String> renamed = new HashMap<>();
    private final Map<String, int[]> reshaped = new HashMap<>();

    private SyntheticWeights(Architecture architecture, int widthDivisor, int classes, long seed) {
        this.architecture = architecture;
        this.widthDivisor = widthDivisor;
        this.classes = classes;
        this.seed = seed;
    }

    /**
     * Creates the published network's shapes, with or without its classifier.
     *
     * @param architecture the network
     * @param includeTop whether the classifier layers are present
     * @param seed the seed of the weights
     * @return the network
     */
    public static SyntheticWeights standard(
            Architecture architecture, boolean includeTop, long seed) {
        return create(architecture, 1, architecture.classes(), includeTop, seed);
    }

    /**
     * Creates a network with divided widths.
     *
     * @param architecture the network
     * @param widthDivisor 1, 2, 4, 8 or 16
     * @param classes the classifier's number of classes
     * @param includeTop whether the classifier layers are present
     * @param seed the seed of the weights
     * @return the network
     */
    static SyntheticWeights create(
            Architecture architecture,
            int widthDivisor,
            int classes,
            boolean includeTop,
            long seed) {
        SyntheticWeights s = new SyntheticWeights(architecture, widthDivisor, classes, seed);
        if (architecture == Architecture.VGG16) {
            s.vgg16(includeTop);
        } else {
            s.resnet(architecture == Architecture.SENET50, includeTop);
        }
        return s;
    }

    /**
     * Creates a network whose values follow the formula of {@code make_h5py_fixture.py} (test
     * resources), which wrote the committed h5py fixture, instead of pseudo-random numbers.
     */
    static SyntheticWeights sine(
            Architecture architecture, int widthDivisor, int classes, boolean includeTop) {
        SyntheticWeights s = create(architecture, widthDivisor, classes, includeTop, 0);
        s.sine = true;
        return s;
    }

    Architecture architecture() {
        return architecture;
    }

    int widthDivisor() {
        return widthDivisor;
    }

    int classes() {
        return classes;
    }

    /** Returns whether the layer (by its true name) has weights. */
    boolean has(String layer) {
        return weights.containsKey(layer);
    }

    /** Returns the shape of a layer's weight as written, or {@code null} if it has none. */
    int[] shape(String layer, String role) {
        List<Weight> list = weights.get(layer);
        if (list == null) {
            return null;
        }
        for (Weight w : list) {
            if (w.role().equals(role)) {
                return reshaped.getOrDefault(layer + "|" + role, w.shape());
            }
        }
        return null;
    }

    /** Returns a copy whose file names {@code layer} as {@code newName}. */
    SyntheticWeights withLayerRenamed(String layer, String newName) {
        SyntheticWeights copy = copy();
        copy.renamed.put(layer, newName);
        return copy;
    }

    /** Returns a copy whose file has a bias in {@code layer}, which the network does not have. */
    SyntheticWeights withExtraBias(String layer) {
        SyntheticWeights copy = copy();
        List<Weight> list = new ArrayList<>(copy.weights.get(layer));
        int[] kernel = list.get(0).shape();
        list.add(new Weight("bias", new int[] {kernel[kernel.length - 1]}));
        copy.weights.put(layer, list);
        return copy;
    }

    /** Returns a copy whose file gives {@code layer}'s weight {@code role} another shape. */
    SyntheticWeights withWeightShape(String layer, String role, int... shape) {
        SyntheticWeights copy = copy();
        copy.reshaped.put(layer + "|" + role, shape);
        return copy;
    }

    /**
     * Returns one weight's values, flat in row-major order, as the file holds them.
     *
     * @param layer the Keras layer
     * @param role {@code kernel}, {@code bias}, {@code gamma}, {@code beta}, {@code moving_mean} or
     *     {@code moving_variance}
     * @return the values
     */
    float[] values(String layer, String role) {
        Weight w =
                weights.get(layer).stream()
                        .filter(x -> x.role().equals(role))
                        .findFirst()
                        .orElseThrow(() -> new IllegalArgumentException(layer + "/" + role));
        int[] shape = reshaped.getOrDefault(layer + "|" + role, w.shape());
        int n = 1;
        for (int d : shape) {
            n *= d;
        }
        SplittableRandom r = new SplittableRandom(seed * 31 + (layer + "/" + role).hashCode());
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update((layer + "/" + role).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        double phase = 0.006283 * (crc.getValue() % 1000);
        float[] v = new float[n];
        double fanIn = n / (double) shape[shape.length - 1];
        // The last batch norm of a residual branch gets small scales, as in trained ResNets, so
        // that activations do not double with every block; the 16-block sums then stay well
        // conditioned for float32 and the 1e-4 comparison measures the conversion, not rounding.
        double gammaScale = layer.endsWith("_1x1_increase/bn") ? 0.3 : 1.0;
        for (int i = 0; i < n; i++) {
            double u = sine ? Math.sin(0.618034 * i + phase) : r.nextDouble(-1, 1);
            v[i] =
                    (float)
                            switch (role) {
                                case "kernel" -> u * Math.sqrt(6.0 / fanIn);
                                case "bias", "beta", "moving_mean" -> 0.1 * u;
                                case "gamma" -> gammaScale * (0.75 + 0.25 * u);
                                case "moving_variance" -> 1.0 + 0.5 * u;
                                default -> throw new IllegalArgumentException(role);
                            };
        }
        return v;
    }

    /**
     * Writes the Keras HDF5 file.
     *
     * @param file the target
     * @return {@code file}
     */
    public Path write(Path file) {
        return write(file, false);
    }

    /** Writes the file; with {@code wholeModel} under {@code model_weights}, as model.save does. */
    Path write(Path file, boolean wholeModel) {
        return write(file, wholeModel, 0);
    }

    /**
     * Writes the file; with {@code chunks > 0}, {@code layer_names} is split into that many
     * attributes {@code layer_names0}, {@code layer_names1}, ..., as Keras does with long lists.
     */
    Path write(Path file, boolean wholeModel, int chunks) {
        try (WritableHdfFile hdf = HdfFile.write(file)) {
            WritableGroup root = wholeModel ? hdf.putGroup("model_weights") : hdf;
            String[] names = layerNames.stream().map(this::fileName).toArray(String[]::new);
            if (chunks == 0) {
                root.putAttribute("layer_names", names);
            }
            int per = chunks == 0 ? 0 : (names.length + chunks - 1) / chunks;
            for (int c = 0; c < chunks; c++) {
                int from = Math.min(names.length, c * per);
                int to = Math.min(names.length, from + per);
                root.putAttribute("layer_names" + c, java.util.Arrays.copyOfRange(names, from, to));
            }
            root.putAttribute("backend", "tensorflow");
            root.putAttribute("keras_version", "2.2.4");
            Map<String, WritableGroup> groups = new HashMap<>();
            groups.put("", root);
            for (Map.Entry<String, List<Weight>> e : weights.entrySet()) {
                String name = fileName(e.getKey());
                WritableGroup layer = group(groups, name);
                List<String> weightNames = new ArrayList<>();
                for (Weight w : e.getValue()) {
                    String weightName = name + "/" + w.role() + ":0";
                    weightNames.add(weightName);
                    int cut = weightName.lastIndexOf('/');
                    WritableGroup parent = group(groups, name + "/" + weightName.substring(0, cut));
                    int[] shape = reshaped.getOrDefault(e.getKey() + "|" + w.role(), w.shape());
                    parent.putDataset(
                            weightName.substring(cut + 1),
                            shaped(values(e.getKey(), w.role()), shape));
                }
                layer.putAttribute("weight_names", weightNames.toArray(String[]::new));
            }
        }
        return file;
    }

    private String fileName(String layer) {
        return renamed.getOrDefault(layer, layer);
    }

    private static WritableGroup group(Map<String, WritableGroup> groups, String path) {
        WritableGroup g = groups.get(path);
        if (g != null) {
            return g;
        }
        int cut = path.lastIndexOf('/');
        WritableGroup parent = group(groups, cut < 0 ? "" : path.substring(0, cut));
        g = parent.putGroup(path.substring(cut + 1));
        groups.put(path, g);
        return g;
    }

    private static Object shaped(float[] v, int[] shape) {
        return switch (shape.length) {
            case 1 -> v;
            case 2 -> {
                float[][] a = new float[shape[0]][shape[1]];
                for (int i = 0; i < shape[0]; i++) {
                    System.arraycopy(v, i * shape[1], a[i], 0, shape[1]);
                }
                yield a;
            }
            case 4 -> {
                float[][][][] a = new float[shape[0]][shape[1]][shape[2]][shape[3]];
                int p = 0;
                for (float[][][] x : a) {
                    for (float[][] y : x) {
                        for (float[] z : y) {
                            System.arraycopy(v, p, z, 0, z.length);
                            p += z.length;
                        }
                    }
                }
                yield a;
            }
            default -> throw new IllegalArgumentException("rank " + shape.length);
        };
    }

    private SyntheticWeights copy() {
        SyntheticWeights c = new SyntheticWeights(architecture, widthDivisor, classes, seed);
        c.sine = sine;
        c.layerNames.addAll(layerNames);
        c.weights.putAll(weights);
        c.renamed.putAll(renamed);
        c.reshaped.putAll(reshaped);
        return c;
    }

    private int w(int channels) {
        return channels / widthDivisor;
    }

    private void weightless(String name) {
        layerNames.add(name);
    }

    private void conv(String name, int k, int in, int out, boolean bias) {
        layerNames.add(name);
        List<Weight> list = new ArrayList<>();
        list.add(new Weight("kernel", new int[] {k, k, in, out}));
        if (bias) {
            list.add(new Weight("bias", new int[] {out}));
        }
        weights.put(name, list);
    }

    private void batchNorm(String name, int channels) {
        layerNames.add(name);
        int[] s = {channels};
        weights.put(
                name,
                List.of(
                        new Weight("gamma", s),
                        new Weight("beta", s),
                        new Weight("moving_mean", s),
                        new Weight("moving_variance", s)));
    }

    private void dense(String name, int in, int out) {
        layerNames.add(name);
        weights.put(
                name,
                List.of(
                        new Weight("kernel", new int[] {in, out}),
                        new Weight("bias", new int[] {out})));
    }

    private void vgg16(boolean includeTop) {
        weightless("input_1");
        int[][] blocks = {{64, 64}, {128, 128}, {256, 256, 256}, {512, 512, 512}, {512, 512, 512}};
        int in = 3;
        for (int b = 0; b < blocks.length; b++) {
            for (int i = 0; i < blocks[b].length; i++) {
                conv("conv" + (b + 1) + "_" + (i + 1), 3, in, w(blocks[b][i]), true);
                in = w(blocks[b][i]);
            }
            weightless("pool" + (b + 1));
        }
        if (includeTop) {
            weightless("flatten");
            dense("fc6", 7 * 7 * in, w(4096));
            weightless("fc6/relu");
            dense("fc7", w(4096), w(4096));
            weightless("fc7/relu");
            dense("fc8", w(4096), classes);
            weightless("fc8/softmax");
        }
    }

    private int activations;

    private void resnet(boolean se, boolean includeTop) {
        weightless("input_1");
        conv("conv1/7x7_s2", 7, 3, w(64), false);
        batchNorm("conv1/7x7_s2/bn", w(64));
        weightless("activation_" + ++activations);
        weightless("max_pooling2d_1");
        int in = w(64);
        int[][] stages = {{64, 3}, {128, 4}, {256, 6}, {512, 3}};
        int adds = 0;
        for (int s = 0; s < stages.length; s++) {
            for (int b = 1; b <= stages[s][1]; b++) {
                String p = "conv" + (s + 2) + "_" + b;
                int f = w(stages[s][0]);
                convBn(p + "_1x1_reduce", 1, in, f);
                convBn(p + "_3x3", 3, f, f);
                conv(p + "_1x1_increase", 1, f, 4 * f, false);
                batchNorm(p + "_1x1_increase/bn", 4 * f);
                if (se) {
                    weightless("global_average_pooling2d_" + (s * 10 + b));
                    weightless("reshape_" + (s * 10 + b));
                    conv(p + "_1x1_down", 1, 4 * f, 4 * f / 16, true);
                    weightless("activation_" + ++activations);
                    conv(p + "_1x1_up", 1, 4 * f / 16, 4 * f, true);
                    weightless("activation_" + ++activations);
                    weightless("multiply_" + (s * 10 + b));
                }
                if (b == 1) {
                    conv(p + "_1x1_proj", 1, in, 4 * f, false);
                    batchNorm(p + "_1x1_proj/bn", 4 * f);
                }
                weightless("add_" + ++adds);
                weightless("activation_" + ++activations);
                in = 4 * f;
            }
        }
        weightless("avg_pool");
        if (includeTop) {
            weightless("flatten_1");
            dense("classifier", in, classes);
        }
    }

    private void convBn(String name, int k, int in, int out) {
        conv(name, k, in, out, false);
        batchNorm(name + "/bn", out);
        weightless("activation_" + ++activations);
    }
}
