package dev.facekit.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code facekit convert}: groups the model converters. */
@Command(
        name = "convert",
        mixinStandardHelpOptions = true,
        description = "Converts third-party model weights into SavedModels FaceKit can load.",
        subcommands = {ConvertVggFaceCommand.class})
final class ConvertCommand implements Runnable {

    @Spec CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "a subcommand is required: vggface");
    }
}
