package dev.facekit.cli;

import java.io.PrintWriter;

/**
 * A one-line progress bar on stderr, drawn only when the tool runs on an interactive terminal
 * ({@code System.console() != null}) and there is more than one item; otherwise it prints nothing,
 * so piped output stays clean.
 */
final class Progress implements AutoCloseable {

    private static final int WIDTH = 30;

    private final PrintWriter err;
    private int total;
    private final boolean active;
    private int lastDrawn = -1;

    private Progress(PrintWriter err, int total, boolean active) {
        this.err = err;
        this.total = total;
        this.active = active;
    }

    /** Starts a bar for {@code total} items, active only on an interactive terminal. */
    static Progress start(PrintWriter err, int total) {
        return new Progress(err, total, total > 1 && System.console() != null);
    }

    /** Shows that {@code done} of the items are finished. */
    void update(int done) {
        if (!active) {
            return;
        }
        int filled = (int) ((long) WIDTH * done / Math.max(1, total));
        if (filled == lastDrawn && done != total) {
            return;
        }
        lastDrawn = filled;
        String bar = "#".repeat(filled) + ".".repeat(WIDTH - filled);
        err.print("\r[" + bar + "] " + done + "/" + total);
        err.flush();
    }

    /** Shows that {@code done} of {@code newTotal} items are finished (a total found late). */
    void updateOf(int done, int newTotal) {
        total = newTotal;
        update(done);
    }

    /** Erases the bar so that a line of output can be printed; the next update redraws it. */
    void clear() {
        if (active && lastDrawn >= 0) {
            err.print("\r" + " ".repeat(WIDTH + 24) + "\r");
            err.flush();
            lastDrawn = -1;
        }
    }

    /** Erases the bar. */
    @Override
    public void close() {
        clear();
    }
}
