package dev.gatehouse.policy;

import java.util.Optional;
import java.util.UUID;

/**
 * Fields to set on a policy binding; {@code null} means "leave as is". The three subjects are
 * {@code Optional}s so that a body can clear one ({@code Optional.empty()}) while setting another.
 */
public record PolicyBindingChanges(UUID target, Optional<UUID> policy, Optional<UUID> group, Optional<Long> user,
                                   Boolean negate, Boolean enabled, Integer order, Integer timeout,
                                   Boolean failureResult) {
}
