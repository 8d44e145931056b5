package dev.facekit.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The top-level {@code facekit} command: only the subcommands do work. */
@Command(
        name = "facekit",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "Face detection and face recognition on the JVM.",
            "Start with 'facekit demo'. Every command has --help; JSON output (--json) is "
                    + "described in CLI.md."
        },
        subcommands = {
            DetectCommand.class,
            ExtractCommand.class,
            EmbedCommand.class,
            VerifyCommand.class,
            EnrollCommand.class,
            IdentifyCommand.class,
            ConvertCommand.class,
            EvalCommand.class,
            CalibrateCommand.class,
            DemoCommand.class
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:success",
            "1:any other error (a model cannot be loaded, a file cannot be written, ...)",
            "2:wrong usage",
            "3:at least one input could not be processed (the others were)"
        })
final class FacekitCommand implements Runnable {

    @Spec CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "a command is required");
    }
}
