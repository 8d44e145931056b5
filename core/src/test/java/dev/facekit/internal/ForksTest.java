package dev.facekit.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class ForksTest {

    @Test
    void resultsComeBackInTheOrderGiven() {
        List<Supplier<String>> work = List.of(() -> "a", () -> "b", () -> "c", () -> "d");

        assertThat(Forks.all(work)).containsExactly("a", "b", "c", "d");
        assertThat(Forks.all(List.<Supplier<String>>of(() -> "only"))).containsExactly("only");
    }

    @Test
    void aFailureOnTheCallerWaitsForTheOtherPiecesAndIsRethrownItself() {
        IllegalStateException boom = new IllegalStateException("first");
        AtomicBoolean finished = new AtomicBoolean();
        List<Supplier<String>> work =
                List.of(
                        () -> {
                            throw boom;
                        },
                        () -> {
                            sleep(200);
                            finished.set(true);
                            return "late";
                        });

        assertThatThrownBy(() -> Forks.all(work)).isSameAs(boom);
        assertThat(finished).isTrue();
    }

    @Test
    void aForkedFailureIsTheOriginalExceptionAndLaterOnesAreSuppressed() {
        IllegalStateException second = new IllegalStateException("second");
        IllegalArgumentException third = new IllegalArgumentException("third");
        List<Supplier<String>> work =
                List.of(
                        () -> "fine",
                        () -> {
                            sleep(50);
                            throw second;
                        },
                        () -> {
                            throw third;
                        });

        Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(() -> Forks.all(work));

        // Joined newest first: the third piece's failure is met first.
        assertThat(thrown).isSameAs(third);
        assertThat(thrown.getSuppressed()).containsExactly(second);
    }

    @Test
    void errorsPassThroughToo() {
        StackOverflowError error = new StackOverflowError("deep");
        List<Supplier<String>> work =
                List.of(
                        () -> "fine",
                        () -> {
                            throw error;
                        });

        assertThatThrownBy(() -> Forks.all(work)).isSameAs(error);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
