package dev.gatehouse.policy.password_expiry;

import dev.gatehouse.core.User;
import dev.gatehouse.definition.Definition;
import dev.gatehouse.definition.Field;
import dev.gatehouse.policy.Demand;
import dev.gatehouse.policy.PolicyOutcome;
import dev.gatehouse.policy.PolicyRequest;
import dev.gatehouse.policy.PolicyType;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * authentik's password expiry policy: a user whose password was last changed {@code days} or more days ago (whole
 * days, as authentik counts them) fails it. authentik then makes the password unusable from inside the policy;
 * Gatehouse's policies have no side effects, so the failure instead {@linkplain Demand#PASSWORD_CHANGE demands} a
 * password change, which the flow executor carries out with the password-change stages ("Password expired N days
 * ago. Please update your password."). With {@code deny_only} the failure {@linkplain Demand#DENY ends the flow}
 * ("Password has expired."). The user is the request's, in a flow the pending user; a user who has never set a
 * password (no change date) passes.
 */
public final class PasswordExpiryPolicyType implements PolicyType {
    static final String EXPIRED = "Password has expired.";
    static final String NO_USER = "The password expiry policy needs a user: bind it where the user is known "
            + "(a stage binding after identification, or an application).";
    private final Clock clock;

    public PasswordExpiryPolicyType() {
        this(Clock.systemUTC());
    }

    PasswordExpiryPolicyType(Clock clock) {
        this.clock = clock;
    }

    @Override
    public String name() {
        return "password_expiry";
    }

    /** authentik's app is {@code authentik_policies_expiry}. */
    @Override
    public String metaModelName() {
        return "authentik_policies_expiry." + modelName();
    }

    /** The policy's config as its views read it. */
    public record Config(int days, boolean denyOnly) {
        public static final Field<Integer> DAYS = Field.int32("days").required().min(1)
                .help("A password this many days old or older has expired.");
        public static final Field<Boolean> DENY_ONLY = Field.bool("deny_only").byDefault(false)
                .help("Only deny: the flow ends instead of asking for a new password.");

        public static final Definition<Config> DEFINITION = Definition.define("password_expiry_policy",
                        "PasswordExpiryPolicy")
                .field(DAYS, DENY_ONLY)
                .build(v -> new Config(v.value(DAYS), v.value(DENY_ONLY)));
    }

    @Override
    public Definition<Config> config() {
        return Config.DEFINITION;
    }

    @Override
    public PolicyOutcome evaluate(Map<String, Object> config, PolicyRequest request) {
        Config typed = Config.DEFINITION.typed(config);
        User user = request.user() != null ? request.user()
                : request.context().get("pending_user") instanceof User u ? u : null;
        if (user == null) {
            return new PolicyOutcome.Error(NO_USER);
        }
        Instant changed = user.passwordChangeDate();
        if (changed == null) {
            return PolicyOutcome.pass();
        }
        Instant now = clock.instant();
        if (wholeDays(changed, now) < typed.days()) {
            return PolicyOutcome.pass();
        }
        if (typed.denyOnly()) {
            return PolicyOutcome.failing(Demand.DENY, EXPIRED);
        }
        long ago = wholeDays(changed.plus(Duration.ofDays(typed.days())), now);
        return PolicyOutcome.failing(Demand.PASSWORD_CHANGE,
                "Password expired " + ago + " days ago. Please update your password.");
    }

    /** Whole days from {@code from} to {@code to}, rounded down as Python's {@code timedelta.days}. */
    static long wholeDays(Instant from, Instant to) {
        return Math.floorDiv(Duration.between(from, to).getSeconds(), Duration.ofDays(1).getSeconds());
    }
}
