package dev.facekit.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.facekit.vggface.convert.Architecture;
import dev.facekit.vggface.convert.ConvertedModel;
import dev.facekit.vggface.convert.VggFaceConverter;
import java.nio.file.Path;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/** {@code facekit convert vggface}: keras-vggface weights to a SavedModel with a descriptor. */
@Command(
        name = "vggface",
        mixinStandardHelpOptions = true,
        description = {
            "Converts a keras-vggface weight file (.h5, with or without the classifier) into a "
                    + "SavedModel folder with facekit-model.json, for --model DIR.",
            "The weights are not bundled: download them yourself (see vggface/README.md). The "
                    + "threshold written is the keras-vggface tutorial's, not calibrated: run "
                    + "'facekit calibrate --write' on your own pairs."
        })
final class ConvertVggFaceCommand extends BaseCommand {

    @Option(
            names = {"--arch", "--architecture"},
            paramLabel = "NAME",
            required = true,
            converter = ArchitectureConverter.class,
            description = "vgg16, resnet50 or senet50: the network the weight file holds.")
    Architecture architecture;

    @Option(
            names = "--weights",
            paramLabel = "H5",
            required = true,
            description = "The Keras .h5 weight file.")
    Path weights;

    @Option(
            names = "--out",
            paramLabel = "DIR",
            required = true,
            description = "The SavedModel folder to create (must not exist or be empty).")
    Path out;

    @Option(
            names = "--labels",
            paramLabel = "NPY",
            description =
                    "keras-vggface's .npy identity labels (only with the classifier), written as "
                            + "labels.txt.")
    Path labels;

    @Override
    public Integer call() {
        Options.requireFile(spec, "--weights", weights);
        if (labels != null) {
            Options.requireFile(spec, "--labels", labels);
        }
        Reporter reporter = reporter();
        ConvertedModel model = VggFaceConverter.convert(architecture, weights, out, labels);
        if (reporter.json()) {
            ObjectNode node = Json.object();
            node.put("model", model.descriptor().name());
            node.put("architecture", model.architecture().name());
            node.put("directory", model.directory().toString());
            node.put("includeTop", model.includeTop());
            node.put("parameters", model.parameters());
            node.put("dimension", model.descriptor().dimension());
            reporter.print(node);
        } else {
            reporter.text(
                    String.format(
                            Locale.ROOT,
                            "converted %s (%s, %,d weights%s) into %s: model %s, %d-d embeddings",
                            weights,
                            model.architecture().name().toLowerCase(Locale.ROOT),
                            model.parameters(),
                            model.includeTop() ? ", with the classifier" : "",
                            model.directory(),
                            model.descriptor().name(),
                            model.descriptor().dimension()));
        }
        return ExitCodes.OK;
    }

    /** Parses vgg16, resnet50 or senet50 in any case. */
    static final class ArchitectureConverter implements ITypeConverter<Architecture> {
        @Override
        public Architecture convert(String value) {
            try {
                return Architecture.parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }
}
