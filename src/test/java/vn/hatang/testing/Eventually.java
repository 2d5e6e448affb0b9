package vn.hatang.testing;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.concurrent.locks.LockSupport;

/** Waits for a condition a user would see (a restart, a file, an answer), polling it, up to a generous bound. */
public final class Eventually {
    private static final Duration BOUND = Duration.ofSeconds(60);

    private Eventually() {
    }

    public static void until(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + BOUND.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + BOUND.toSeconds() + " s: " + what);
            }
            LockSupport.parkNanos(Duration.ofMillis(50).toNanos()); // polling interval of the condition
        }
    }
}
