package dev.gatehouse.api.resources;

import dev.gatehouse.core.User;
import dev.gatehouse.flow.Flow;
import java.util.Optional;

/**
 * Starts a recovery flow for a user without a browser: plans {@code flow} with the user pending and parks it under a
 * one-time link (authentik's "recovery link" of the brand's recovery flow); empty when the flow refuses the plan.
 */
@FunctionalInterface
public interface RecoveryFlowLinks {
    Optional<String> link(Flow flow, User user, String baseUrl);
}
