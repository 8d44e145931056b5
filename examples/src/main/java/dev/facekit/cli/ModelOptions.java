package dev.facekit.cli;

import java.nio.file.Path;
import picocli.CommandLine.Mixin;
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

    @Mixin DetectorOptions detector = new DetectorOptions();

    /** Returns {@code --min-face}. */
    float minFace() {
        return detector.minFace;
    }
}
