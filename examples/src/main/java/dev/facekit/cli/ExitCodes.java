package dev.facekit.cli;

/** The tool's exit codes (see CLI.md). */
final class ExitCodes {

    /** Everything worked. */
    static final int OK = 0;

    /** Anything else went wrong: a model could not be loaded, a file could not be written... */
    static final int FAILED = 1;

    /** Wrong usage: an unknown command or option, a missing or malformed argument. */
    static final int USAGE = 2;

    /** At least one input could not be processed; the others were. */
    static final int SOME_INPUTS_FAILED = 3;

    private ExitCodes() {}
}
