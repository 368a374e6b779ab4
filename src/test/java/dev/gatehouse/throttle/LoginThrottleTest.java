package dev.gatehouse.throttle;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.bucket4j.TimeMeter;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {
    private final AtomicLong nanos = new AtomicLong();
    private final TimeMeter clock = new TimeMeter() {
        @Override
        public long currentTimeNanos() {
            return nanos.get();
        }

        @Override
        public boolean isWallClockBased() {
            return false;
        }
    };
    private final LoginThrottle throttle = new LoginThrottle(new LoginThrottle.Limits(3, Duration.ofMinutes(1)),
            new LoginThrottle.Limits(5, Duration.ofSeconds(10)), clock);

    @Test
    void allowsWhenFewerFailuresThanCapacityThenRefusesAtCapacity() {
        for (int i = 0; i < 2; i++) {
            throttle.failed("alice", "10.0.0.1");
        }
        assertThat(throttle.allows("alice", "10.0.0.1")).isTrue();

        throttle.failed("alice", "10.0.0.1");

        assertThat(throttle.allows("alice", "10.0.0.1")).isFalse();
        assertThat(throttle.allows("alice", "10.0.0.2")).as("one address cannot lock alice out elsewhere").isTrue();
        assertThat(throttle.allows("bob", "10.0.0.1")).as("other users from that address").isTrue();
    }

    @Test
    void usernameKeyIgnoresCaseAndSpaces() {
        throttle.failed("Alice", null);
        throttle.failed(" alice ", null);
        throttle.failed("ALICE", null);

        assertThat(throttle.allows("alice", null)).isFalse();
    }

    @Test
    void unknownAndKnownUsernamesAreThrottledAlike() {
        for (int i = 0; i < 3; i++) {
            throttle.failed("no-such-user", "10.0.0.9");
        }
        assertThat(throttle.allows("no-such-user", "10.0.0.9")).isFalse();
    }

    @Test
    void perAddressLimitStopsSprayingManyUsernames() {
        for (int i = 0; i < 5; i++) {
            throttle.failed("user" + i, "192.0.2.7");
        }
        assertThat(throttle.allows("fresh-user", "192.0.2.7")).isFalse();
        assertThat(throttle.allows("fresh-user", "192.0.2.8")).isTrue();
    }

    @Test
    void refillsOneAttemptPerInterval() {
        for (int i = 0; i < 3; i++) {
            throttle.failed("carol", null);
        }
        nanos.addAndGet(Duration.ofSeconds(59).toNanos());
        assertThat(throttle.allows("carol", null)).isFalse();

        nanos.addAndGet(Duration.ofSeconds(1).toNanos());

        assertThat(throttle.allows("carol", null)).isTrue();
        throttle.failed("carol", null);
        assertThat(throttle.allows("carol", null)).isFalse();
    }

    @Test
    void usernameFromSeveralAddressesThenLockedEverywhereAtSpreadTimesTheBurst() {
        for (int a = 1; a <= LoginThrottle.SPREAD; a++) {
            for (int i = 0; i < 3; i++) {
                assertThat(throttle.allows("dave", "10.0.1." + a)).isTrue();
                throttle.failed("dave", "10.0.1." + a);
            }
        }
        assertThat(throttle.allows("dave", "10.0.2.1")).as("a fresh address, once SPREAD addresses used theirs").isFalse();
        nanos.addAndGet(Duration.ofMinutes(1).dividedBy(LoginThrottle.SPREAD).toNanos());
        assertThat(throttle.allows("dave", "10.0.2.1")).as("refilled SPREAD times faster").isTrue();
    }
}
