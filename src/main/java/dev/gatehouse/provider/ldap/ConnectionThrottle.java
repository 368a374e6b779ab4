package dev.gatehouse.provider.ldap;

import io.github.bucket4j.Bucket;
import java.time.Duration;

/**
 * Failed binds on one connection: {@link #CAPACITY} in a burst, then one more every {@link #REFILL}. The
 * per-username and per-IP limits live in the flow's {@link dev.gatehouse.throttle.LoginThrottle}, shared with the
 * web sign-in; this one stops a single connection from trying passwords at the rate of the others combined.
 */
final class ConnectionThrottle {
    static final int CAPACITY = 5;
    static final Duration REFILL = Duration.ofSeconds(10);
    private final Bucket failures = Bucket.builder()
            .addLimit(l -> l.capacity(CAPACITY).refillGreedy(1, REFILL)).build();

    boolean allows() {
        return failures.getAvailableTokens() > 0;
    }

    void failed() {
        failures.tryConsume(1);
    }
}
