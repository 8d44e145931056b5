package dev.facekit.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ForkJoinTask;
import java.util.function.Supplier;

/**
 * Runs a few pieces of work at once: the first on the calling thread, the others as tasks of the
 * fork-join pool the caller runs in (else the common pool). Shared by the gallery search, which
 * splits its rows, and the MTCNN detector, which splits its pyramid. <b>Not API.</b>
 */
public final class Forks {

    private Forks() {}

    /**
     * Runs every piece and returns their results in the order given. Returns only when every piece
     * has ended, also when one fails; a failure (an unchecked exception or an error) is rethrown as
     * the one the piece threw (not the copy {@link ForkJoinTask#join} makes on another thread),
     * with the failures of later pieces added as suppressed.
     *
     * @param work the pieces, at least one
     * @param <T> the result type
     * @return the results, in the order of {@code work}
     */
    public static <T> List<T> all(List<Supplier<T>> work) {
        List<ForkJoinTask<T>> forked = new ArrayList<>(work.size() - 1);
        for (int i = 1; i < work.size(); i++) {
            forked.add(ForkJoinTask.adapt(work.get(i)::get).fork());
        }
        List<T> results = new ArrayList<>(work.size());
        Throwable failure = null;
        try {
            results.add(work.get(0).get());
        } catch (RuntimeException | Error e) {
            failure = e;
        }
        // Newest first: a task nobody has taken yet is then on top of the queue, and the caller
        // runs it itself instead of waiting for a busy pool.
        Object[] joined = new Object[forked.size()];
        for (int i = forked.size() - 1; i >= 0; i--) {
            try {
                joined[i] = forked.get(i).join();
            } catch (RuntimeException | Error e) {
                Throwable original = unwrapped(e);
                if (failure == null) {
                    failure = original;
                } else {
                    failure.addSuppressed(original);
                }
            }
        }
        if (failure instanceof RuntimeException r) {
            throw r;
        }
        if (failure != null) {
            throw (Error) failure;
        }
        for (Object r : joined) {
            @SuppressWarnings("unchecked")
            T t = (T) r;
            results.add(t);
        }
        return results;
    }

    /**
     * A task that failed on another thread is rethrown by {@code join} as a new exception of the
     * same class around the original; returns the original.
     */
    private static Throwable unwrapped(Throwable e) {
        Throwable cause = e.getCause();
        return cause != null && cause.getClass() == e.getClass() ? cause : e;
    }
}
