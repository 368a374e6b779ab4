package dev.gatehouse.core;

import java.time.Instant;
import java.util.Optional;

/** Fields to set on a token; {@code null} means "leave as is" ({@code expires}: empty = no expiry date, allowed only for non-expiring tokens). */
public record TokenChanges(String identifier, TokenIntent intent, Long user, String description,
                           Optional<Instant> expires, Boolean expiring) {
}
