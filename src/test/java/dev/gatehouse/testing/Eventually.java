package dev.gatehouse.testing;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waits for something another thread or process makes true, failing the test when it does not come in time. */
public final class Eventually {
    private Eventually() {
    }

    /** Polls {@code condition} every 10 ms until it holds; returns how long that took. */
    public static Duration within(Duration limit, String what, BooleanSupplier condition) {
        long start = System.nanoTime();
        long deadline = start + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + limit + ": " + what);
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting: " + what);
            }
        }
        return Duration.ofNanos(System.nanoTime() - start);
    }

    /**
     * Polls {@code condition} every 10 ms until it holds, at most until {@code limit} after {@code since} (a
     * {@link System#nanoTime()} reading: the moment a change was made); returns how long after {@code since} the
     * condition was seen to hold. Fails when it did not hold in time, also when the check that saw it ended late.
     */
    public static Duration since(long since, Duration limit, String what, BooleanSupplier condition) {
        Duration remaining = limit.minusNanos(System.nanoTime() - since);
        within(remaining.isNegative() ? Duration.ZERO : remaining, what + " (" + limit + " after the change)",
                condition);
        Duration took = Duration.ofNanos(System.nanoTime() - since);
        if (took.compareTo(limit) > 0) {
            throw new AssertionError("not within " + limit + " (took " + took.toMillis() + " ms): " + what);
        }
        return took;
    }
}
