package dev.facekit.vggface.convert;

import dev.facekit.embed.Metric;
import dev.facekit.embed.Threshold;
import dev.facekit.model.ModelException;
import dev.facekit.vggface.ModelDescriptor;
import dev.facekit.vggface.ModelDescriptor.BoxCrop;
import dev.facekit.vggface.ModelDescriptor.ChannelOrder;
import dev.facekit.vggface.ModelDescriptor.Classifier;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tensorflow.Graph;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Session;
import org.tensorflow.Signature;
import org.tensorflow.op.Ops;

/**
 * Converts the keras-vggface weight files (HDF5) into SavedModels that {@code
 * SavedModelEmbedder.load} runs, in pure Java: no Python, no Keras.
 *
 * <p>The published files are {@code rcmalli_vggface_tf_vgg16.h5}, {@code
 * rcmalli_vggface_tf_resnet50.h5}, {@code rcmalli_vggface_tf_senet50.h5} (with the classifier) and
 * the {@code rcmalli_vggface_tf_notop_*.h5} variants (without it), and the label files {@code
 * rcmalli_vggface_labels_v1.npy} (VGG16, 2,622 names) and {@code _v2.npy} (VGGFace2, 8,631 ids).
 * See {@code vggface/CONVERTING.md} for where to get them and the command line.
 *
 * <p>Every weight is found by its Keras layer name and weight name, never by position, and every
 * shape is checked against the architecture (layer names as in keras-vggface's {@code models.py}).
 * Whether the file has the classifier is read from its layer names. Weights are read one layer at a
 * time and stored as SavedModel variables, so VGG16 with its classifier (about 580 MB) converts
 * with a 1 GB heap (its largest layer, fc6, is 411 MB); TensorFlow holds the variables in native
 * memory meanwhile.
 *
 * <p>The output directory gets {@code saved_model.pb}, {@code variables/}, {@value
 * ModelDescriptor#FILE_NAME} and, with labels, {@code labels.txt}. The descriptor: input 224x224,
 * BGR, keras-vggface's means (version 1 for VGG16, version 2 for the others), scale 1, box crop
 * with margin 0, L2-normalised embeddings; the embedding is fc7 (VGG16, 4,096-d, the dense layer's
 * output before its ReLU, as keras-vggface's README extracts it), the average of pool5 (VGG16
 * without classifier, 512-d) or the flattened average pool (ResNet-50, SE-ResNet-50, 2,048-d);
 * default threshold cosine distance 0.5, the keras-vggface tutorial's value, not calibrated.
 *
 * <p>Thread-safe: calls share nothing.
 */
public final class VggFaceConverter {

    private static final Logger LOG = LoggerFactory.getLogger(VggFaceConverter.class);

    /** The file the labels are written to, one per line, next to the descriptor. */
    public static final String LABELS_FILE = "labels.txt";

    /** The source recorded with the default threshold. */
    public static final String THRESHOLD_SOURCE = "keras-vggface tutorial default, not calibrated";

    private VggFaceConverter() {}

    /**
     * Converts one keras-vggface weight file. This signature is what {@code facekit convert
     * vggface} calls and stays stable.
     *
     * @param architecture the network the file holds
     * @param weightsH5 the Keras {@code .h5} weight file, with or without the classifier
     * @param outDir the SavedModel directory to create; it must not exist or be empty
     * @param labelsNpyOrNull the keras-vggface {@code .npy} label file, or {@code null}; only
     *     allowed for a file with the classifier, and it must hold one label per class
     * @return what was written
     * @throws WeightsFileException if the weight or label file is missing, not HDF5 or npy,
     *     truncated, of another architecture, or has a misnamed layer or a wrong shape; the message
     *     names the file, the layer and the shapes
     * @throws IllegalArgumentException if an argument is null or {@code outDir} is not empty
     * @throws UncheckedIOException if the output cannot be written
     */
    public static ConvertedModel convert(
            Architecture architecture, Path weightsH5, Path outDir, Path labelsNpyOrNull) {
        if (architecture == null || weightsH5 == null || outDir == null) {
            throw new IllegalArgumentException("architecture, weights and outDir must not be null");
        }
        return convert(
                NetworkSpec.standard(architecture), weightsH5, outDir, labelsNpyOrNull, false);
    }

    /** Converts with the shapes of {@code spec}; taps export every block's output (tests). */
    static ConvertedModel convert(
            NetworkSpec spec, Path weightsH5, Path outDir, Path labelsNpyOrNull, boolean taps) {
        List<String> labels = labelsNpyOrNull == null ? null : NpyLabels.read(labelsNpyOrNull);
        boolean created = prepareOutput(outDir);
        try (KerasWeightsFile file = KerasWeightsFile.open(weightsH5)) {
            checkArchitecture(file, spec.architecture());
            ConvertedModel model = export(file, spec, outDir, labels, labelsNpyOrNull, taps);
            LOG.debug(
                    "converted {} ({}, {} weights) into {}",
                    weightsH5,
                    spec.architecture(),
                    model.parameters(),
                    outDir);
            return model;
        } catch (RuntimeException e) {
            if (created) {
                deleteQuietly(outDir);
            }
            throw e;
        }
    }

    private static ConvertedModel export(
            KerasWeightsFile file,
            NetworkSpec spec,
            Path outDir,
            List<String> labels,
            Path labelsFile,
            boolean taps) {
        try (Graph graph = new Graph();
                Session session = new Session(graph)) {
            GraphBuilder builder = new GraphBuilder(Ops.create(graph), session, file, spec, taps);
            builder.build();
            boolean includeTop = builder.probabilities() != null;
            checkLabels(file, labelsFile, labels, includeTop, spec.classes());

            Signature.Builder signature =
                    Signature.builder()
                            .key(Signature.DEFAULT_KEY)
                            .input("input", builder.input())
                            .output("embedding", builder.embedding());
            if (includeTop) {
                signature.output("probabilities", builder.probabilities());
            }
            builder.taps().forEach(signature::output);
            SavedModelBundle.exporter(outDir.toString())
                    .withTags("serve")
                    .withFunction(session.function(signature.build()))
                    .export();

            ModelDescriptor descriptor =
                    descriptor(spec, includeTop, builder.embeddingDimension(), labels != null);
            if (labels != null) {
                Files.write(outDir.resolve(LABELS_FILE), labels, StandardCharsets.UTF_8);
            }
            descriptor.write(outDir.resolve(ModelDescriptor.FILE_NAME));
            return new ConvertedModel(
                    outDir, spec.architecture(), includeTop, builder.parameters(), descriptor);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the SavedModel to " + outDir, e);
        }
    }

    static ModelDescriptor descriptor(
            NetworkSpec spec, boolean includeTop, int dimension, boolean hasLabels) {
        Architecture arch = spec.architecture();
        double[] bgr = arch.meanBgr();
        Optional<Classifier> classifier =
                includeTop
                        ? Optional.of(
                                new Classifier(
                                        "probabilities",
                                        spec.classes(),
                                        hasLabels ? Optional.of(LABELS_FILE) : Optional.empty()))
                        : Optional.empty();
        return new ModelDescriptor(
                arch.modelName(includeTop),
                Architecture.INPUT_SIZE,
                ChannelOrder.BGR,
                List.of(bgr[0], bgr[1], bgr[2]),
                1.0,
                new BoxCrop(0f),
                Signature.DEFAULT_KEY,
                "input",
                "embedding",
                dimension,
                true,
                classifier,
                new Threshold(Metric.COSINE, 0.5, THRESHOLD_SOURCE));
    }

    /** Rejects a file that holds another of the three networks, naming the telltale layer. */
    private static void checkArchitecture(KerasWeightsFile file, Architecture wanted) {
        boolean vgg = file.hasLayer("conv1_1");
        boolean resnet = file.hasLayer("conv1/7x7_s2");
        boolean se = file.hasLayer("conv2_1_1x1_down");
        Architecture found =
                vgg && !resnet
                        ? Architecture.VGG16
                        : resnet && !vgg
                                ? (se ? Architecture.SENET50 : Architecture.RESNET50)
                                : null;
        if (found == null) {
            throw new WeightsFileException(
                    file.path(),
                    null,
                    "not a keras-vggface network: expected layer conv1_1 (VGG16) or conv1/7x7_s2"
                            + " (ResNet-50, SE-ResNet-50); first layers in the file: "
                            + file.layerNames().stream().limit(6).toList());
        }
        if (found != wanted) {
            String telltale =
                    switch (found) {
                        case VGG16 -> "conv1_1";
                        case RESNET50 -> "conv1/7x7_s2 without conv2_1_1x1_down";
                        case SENET50 -> "conv2_1_1x1_down";
                    };
            throw new WeightsFileException(
                    file.path(),
                    null,
                    "holds "
                            + found
                            + " weights (layer "
                            + telltale
                            + "), not "
                            + wanted
                            + "; convert it with architecture "
                            + found.name().toLowerCase(java.util.Locale.ROOT));
        }
    }

    private static void checkLabels(
            KerasWeightsFile file,
            Path labelsFile,
            List<String> labels,
            boolean includeTop,
            int classes) {
        if (labels == null) {
            return;
        }
        if (!includeTop) {
            throw new WeightsFileException(
                    labelsFile,
                    null,
                    "labels were given but " + file.path() + " has no classifier (a notop file)");
        }
        if (labels.size() != classes) {
            throw new WeightsFileException(
                    labelsFile,
                    null,
                    "holds "
                            + labels.size()
                            + " labels, but the classifier has "
                            + classes
                            + " classes");
        }
        for (int i = 0; i < labels.size(); i++) {
            if (labels.get(i).contains("\n") || labels.get(i).contains("\r")) {
                throw new WeightsFileException(
                        labelsFile, null, "label " + i + " contains a line break");
            }
        }
    }

    /** Creates the output directory; returns whether it was created (to delete it on failure). */
    private static boolean prepareOutput(Path outDir) {
        try {
            if (Files.exists(outDir)) {
                if (!Files.isDirectory(outDir)) {
                    throw new IllegalArgumentException(outDir + ": exists and is not a directory");
                }
                try (Stream<Path> entries = Files.list(outDir)) {
                    if (entries.findAny().isPresent()) {
                        throw new IllegalArgumentException(
                                outDir + ": output directory is not empty");
                    }
                }
                return false;
            }
            Files.createDirectories(outDir);
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + outDir, e);
        }
    }

    private static void deleteQuietly(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException | ModelException e) {
            LOG.debug("could not delete the partial output {}: {}", dir, e.toString());
        }
    }
}
