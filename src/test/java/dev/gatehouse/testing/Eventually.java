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
     * check that saw it hold ended. As in {@link #within}, a check begun within the limit counts even when it ends
     * later (a loaded machine answering slowly); the caller can tell when it began.
     */
    public static Duration since(long since, Duration limit, String what, BooleanSupplier condition) {
        Duration remaining = limit.minusNanos(System.nanoTime() - since);
        within(remaining.isNegative() ? Duration.ZERO : remaining, what + " (within " + limit + " of the change)",
                condition);
        return Duration.ofNanos(System.nanoTime() - since);
    }
}
