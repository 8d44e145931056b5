package dev.facekit.cli;

import picocli.CommandLine.Option;

/** The output options every command shares. */
final class OutputOptions {

    @Option(
            names = "--json",
            description = "Print one JSON object per line instead of text (fields: see CLI.md).")
    boolean json;

    @Option(
            names = {"-v", "--verbose"},
            description = "Print the stack trace of an error as well.")
    boolean verbose;
}
