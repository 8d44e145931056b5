package dev.facekit.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/** Checks of option values that picocli's types cannot express; failures are usage errors. */
final class Options {

    private Options() {}

    static void requirePositive(CommandSpec spec, String option, double value) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw usage(spec, "option '" + option + "' must be positive, found " + value);
        }
    }

    /** Whole-number options are echoed as whole numbers, within {@code [1, max]}. */
    static void requireInRange(CommandSpec spec, String option, long value, long max) {
        if (value < 1 || value > max) {
            throw usage(
                    spec, "option '" + option + "' must be from 1 to " + max + ", found " + value);
        }
    }

    static void requireNonNegative(CommandSpec spec, String option, double value) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw usage(spec, "option '" + option + "' must be >= 0, found " + value);
        }
    }

    static void requireFile(CommandSpec spec, String option, Path file) {
        if (!Files.isRegularFile(file)) {
            throw usage(spec, "option '" + option + "': no such file: " + file);
        }
    }

    static void requireFolder(CommandSpec spec, String option, Path dir) {
        if (Files.isRegularFile(dir)) {
            throw usage(spec, option + ": is a file, not a folder: " + dir);
        }
        if (!Files.isDirectory(dir)) {
            throw usage(spec, option + ": no such folder: " + dir);
        }
    }

    static ParameterException usage(CommandSpec spec, String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
