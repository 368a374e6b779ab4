package dev.gatehouse.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** authentik's {@code unit=amount;...} duration strings. */
class TimedeltaTest {
    @Test
    void parseWhenWellFormedThenSumOfParts() {
        assertThat(Timedelta.parse("seconds=0")).isEqualTo(Duration.ZERO);
        assertThat(Timedelta.parse("hours=1;minutes=2")).isEqualTo(Duration.ofMinutes(62));
        assertThat(Timedelta.parse("weeks=4")).isEqualTo(Duration.ofDays(28));
        assertThat(Timedelta.parse("days=0.5")).isEqualTo(Duration.ofHours(12));
    }

    @Test
    void parseWhenMalformedThenRejected() {
        for (String bad : new String[] {"", "hours", "hours=", "hours=-1", "fortnights=1", "hours=1;", "hours:1"}) {
            assertThatThrownBy(() -> Timedelta.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
            assertThat(Timedelta.valid(bad)).as(bad).isFalse();
        }
    }
}
