package dev.gatehouse.queue;

import java.time.Duration;
import java.util.List;

/**
 * How often a queued item is tried and how long the worker waits between tries: the first try at once, then one
 * more after each of {@code delays}; after the last one fails the item is given up.
 */
public record RetrySchedule(List<Duration> delays) {
    /** Five tries over about 40 minutes: at once, then after 30 s, 2 min, 8 min and 30 min. */
    public static final RetrySchedule DEFAULT = new RetrySchedule(List.of(Duration.ofSeconds(30),
            Duration.ofMinutes(2), Duration.ofMinutes(8), Duration.ofMinutes(30)));

    public RetrySchedule {
        delays = List.copyOf(delays);
        if (delays.stream().anyMatch(d -> d.isNegative() || d.isZero())) {
            throw new IllegalArgumentException("retry delays must be positive");
        }
    }

    public int maxAttempts() {
        return delays.size() + 1;
    }

    /** The wait after the {@code attempts}-th failed try, or null when that was the last one. */
    public Duration delayAfter(int attempts) {
        return attempts >= 1 && attempts <= delays.size() ? delays.get(attempts - 1) : null;
    }
}
