package dev.facekit.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;

/**
 * Writes a command's results (text or one JSON object per line to stdout) and its errors (one line
 * each to stderr), and counts the inputs that failed.
 */
final class Reporter {

    private final PrintWriter out;
    private final PrintWriter err;
    private final String command;
    private final boolean json;
    private final boolean verbose;
    private int failedInputs;
    private Progress progress;

    Reporter(PrintWriter out, PrintWriter err, String command, OutputOptions options) {
        this.out = out;
        this.err = err;
        this.command = command;
        this.json = options.json;
        this.verbose = options.verbose;
    }

    boolean json() {
        return json;
    }

    PrintWriter out() {
        return out;
    }

    PrintWriter err() {
        return err;
    }

    /** Starts a progress bar for {@code total} items; output lines erase and redraw it. */
    Progress progress(int total) {
        progress = Progress.start(err, total);
        return progress;
    }

    private void clearProgress() {
        if (progress != null) {
            progress.clear();
        }
    }

    /** Prints one JSON object on one line. */
    void print(JsonNode node) {
        clearProgress();
        try {
            out.println(Json.MAPPER.writeValueAsString(node));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON: " + e.getMessage(), e);
        }
        out.flush();
    }

    /** Prints one line of text. */
    void text(String line) {
        clearProgress();
        out.println(line);
        out.flush();
    }

    /** Prints a warning line to stderr. */
    void warn(String message) {
        clearProgress();
        err.println(command + ": " + message);
        err.flush();
    }

    /**
     * Reports an input that could not be processed: one line to stderr and, with {@code --json}, an
     * error object to stdout. The run goes on; the exit code becomes 3.
     */
    void inputFailed(String input, String type, String message, Throwable cause) {
        failedInputs++;
        clearProgress();
        err.println(command + ": " + input + ": " + message);
        if (verbose && cause != null) {
            cause.printStackTrace(err);
        }
        err.flush();
        if (json) {
            print(Json.error(input, type, message));
        }
    }

    int failedInputs() {
        return failedInputs;
    }

    /** Returns 3 when an input failed, 0 otherwise. */
    int exitCode() {
        return failedInputs > 0 ? ExitCodes.SOME_INPUTS_FAILED : ExitCodes.OK;
    }
}
