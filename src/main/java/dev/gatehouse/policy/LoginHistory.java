package dev.gatehouse.policy;

import dev.gatehouse.core.User;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Answers the GeoIP policy: a user's most recent successful logins that carry GeoIP data (their {@code login} events'
 * {@code geo} context), newest first. Filled in by the policy engine, so the policy reads data and never opens the
 * database itself.
 */
@FunctionalInterface
public interface LoginHistory {
    /** At most {@code count} of the user's logins with a location, newest first. */
    List<Login> recent(User user, int count);

    /** One login event: its pk, when it happened and its {@code geo} context ({@code lat}, {@code long}, …). */
    record Login(UUID event, Instant created, Map<String, Object> geo) {
    }
}
