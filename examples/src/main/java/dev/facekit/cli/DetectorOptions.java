package dev.facekit.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/** The detector option of every command that finds faces. */
final class DetectorOptions {

    @Option(
            names = "--min-face",
            paramLabel = "PX",
            defaultValue = "20",
            description = "Smallest face to look for, in pixels (default: ${DEFAULT-VALUE}).")
    float minFace = 20;

    /** Fails with a usage error of the command unless {@code --min-face} is positive and finite. */
    void check(CommandSpec spec) {
        Options.requirePositive(spec, "--min-face", minFace);
    }
}
