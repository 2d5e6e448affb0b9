package vn.hatang.testing;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.concurrent.locks.LockSupport;

/**
 * Waits for a condition a user would see (a restart, a file, an answer, a row), polling it, up to a generous bound:
 * the one way the tests wait, so none sleeps for a fixed time.
 */
public final class Eventually {
    private static final Duration BOUND = Duration.ofSeconds(60);
    private static final long POLL_NANOS = Duration.ofMillis(20).toNanos();

    private Eventually() {
    }

    public static void until(BooleanSupplier condition, String what) {
        value(condition::getAsBoolean, Boolean::booleanValue, what);
    }

    /** Asks until the answer satisfies {@code done}, and returns that answer; fails with the last one otherwise. */
    public static <T> T value(Supplier<T> ask, Predicate<T> done, String what) {
        long deadline = System.nanoTime() + BOUND.toNanos();
        T last = ask.get();
        while (!done.test(last)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + BOUND.toSeconds() + " s: " + what + "; last answer: " + last);
            }
            LockSupport.parkNanos(POLL_NANOS);
            last = ask.get();
        }
        return last;
    }
}
