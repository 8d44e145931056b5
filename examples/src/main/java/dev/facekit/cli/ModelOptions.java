package dev.facekit.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The model and detector options of the commands that embed faces. */
final class ModelOptions {

    @Option(
            names = "--model",
            paramLabel = "DIR",
            description =
                    "SavedModel folder with facekit-model.json (default: the bundled compact "
                            + "128-d model).")
    Path model;

    @Option(
            names = "--min-face",
            paramLabel = "PX",
            defaultValue = "20",
            description = "Smallest face to look for, in pixels (default: ${DEFAULT-VALUE}).")
    float minFace = 20;
}
