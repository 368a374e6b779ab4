package dev.gatehouse.policy;

/**
 * Answers the reputation policy: the summed score of the rows of an IP or an identifier (either null when not
 * checked). Filled in by the policy engine, so the policy reads data and never opens the database itself.
 */
@FunctionalInterface
public interface ReputationLookup {
    long total(String ip, String identifier);
}
