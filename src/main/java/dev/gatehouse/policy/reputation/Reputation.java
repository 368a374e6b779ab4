package dev.gatehouse.policy.reputation;

import java.time.Instant;
import java.util.UUID;

/** One reputation score: of an identifier (username) signing in from an IP (authentik's {@code Reputation}). */
public record Reputation(UUID uuid, String identifier, String ip, long score, Instant updated, Instant expires) {
}
