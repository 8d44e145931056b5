package dev.facekit.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code facekit eval}: groups the evaluation commands. */
@Command(
        name = "eval",
        mixinStandardHelpOptions = true,
        description =
                "Measures how well detection and verification work on labelled data "
                        + "(definitions of every number: core/EVALUATION.md).",
        subcommands = {EvalVerifyCommand.class, EvalDetectCommand.class})
final class EvalCommand implements Runnable {

    @Spec CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(
                spec.commandLine(), "a subcommand is required: verify or detect");
    }
}
