package dev.gatehouse.policy.password_expiry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.core.User;
import dev.gatehouse.core.UserType;
import dev.gatehouse.policy.Demand;
import dev.gatehouse.policy.PolicyOutcome;
import dev.gatehouse.policy.PolicyRequest;
import dev.gatehouse.policy.PolicyTypes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The expiry decision at its boundaries, its messages and demands, and how it is registered. */
class PasswordExpiryPolicyTypeTest {
    private static final Instant NOW = Instant.parse("2026-03-10T12:00:00Z");
    private final PasswordExpiryPolicyType type = new PasswordExpiryPolicyType(Clock.fixed(NOW, ZoneOffset.UTC));

    private static User changedAt(Instant changed) {
        return new User(3, UUID.randomUUID(), "gwen", "Gwen", "gwen@example.org", "!x", changed, true,
                UserType.INTERNAL, "users", Map.of(), null, null);
    }

    private PolicyOutcome.Decided decide(int days, boolean denyOnly, Instant changed) {
        return (PolicyOutcome.Decided) type.evaluate(Map.of("days", days, "deny_only", denyOnly),
                PolicyRequest.of(changedAt(changed)));
    }

    @Test
    void registeredUnderAuthentiksNames() {
        assertThat(PolicyTypes.byName("password_expiry")).containsInstanceOf(PasswordExpiryPolicyType.class);
        assertThat(type.component()).isEqualTo("ak-policy-password-expiry-form");
        assertThat(type.modelName()).isEqualTo("passwordexpirypolicy");
        assertThat(type.metaModelName()).isEqualTo("authentik_policies_expiry.passwordexpirypolicy");
        assertThat(type.defaults()).containsOnlyKeys("days", "deny_only").containsEntry("deny_only", false);
    }

    @Test
    void expiresAtExactlyDaysWholeDays() {
        Instant thirtyDaysAgo = NOW.minus(Duration.ofDays(30));
        assertThat(decide(30, false, thirtyDaysAgo.plusSeconds(1)).passing()).as("a second short of 30 days").isTrue();
        assertThat(decide(30, false, thirtyDaysAgo).passing()).as("exactly 30 days").isFalse();
        assertThat(decide(30, false, thirtyDaysAgo.minusSeconds(1)).passing()).isFalse();
        assertThat(decide(1, false, NOW.minus(Duration.ofHours(23))).passing()).isTrue();
        assertThat(decide(1, false, NOW.minus(Duration.ofHours(24))).passing()).isFalse();
        assertThat(decide(30, false, NOW.plus(Duration.ofDays(2))).passing()).as("a change date ahead of the clock")
                .isTrue();
    }

    @Test
    void demandsAPasswordChangeWithAuthentiksMessage() {
        PolicyOutcome.Decided expired = decide(30, false, NOW.minus(Duration.ofDays(30)));
        assertThat(expired.messages()).containsExactly("Password expired 0 days ago. Please update your password.");
        assertThat(expired.demands()).containsExactly(Demand.PASSWORD_CHANGE);
        PolicyOutcome.Decided longAgo = decide(30, false, NOW.minus(Duration.ofDays(42)).minusSeconds(5));
        assertThat(longAgo.messages()).containsExactly("Password expired 12 days ago. Please update your password.");
        assertThat(decide(30, false, NOW).demands()).isEmpty();
    }

    @Test
    void denyOnlyOnlyDenies() {
        PolicyOutcome.Decided expired = decide(30, true, NOW.minus(Duration.ofDays(31)));
        assertThat(expired.passing()).isFalse();
        assertThat(expired.messages()).containsExactly("Password has expired.");
        assertThat(expired.demands()).containsExactly(Demand.DENY);
    }

    @Test
    void readsThePendingUserAndNeedsOne() {
        PolicyRequest pending = new PolicyRequest(null, null, PolicyRequest.Http.NONE,
                Map.of("pending_user", changedAt(NOW.minus(Duration.ofDays(90)))));
        assertThat(((PolicyOutcome.Decided) type.evaluate(Map.of("days", 30, "deny_only", false), pending)).passing())
                .isFalse();
        assertThat(type.evaluate(Map.of("days", 30, "deny_only", false), PolicyRequest.of(null)))
                .isInstanceOf(PolicyOutcome.Error.class);
        assertThat(decide(30, false, null).passing()).as("never set a password").isTrue();
    }
}
