package dev.gatehouse.provider.oauth2.scope;

import java.util.UUID;

/**
 * A scope mapping: when a token is issued for {@code scopeName}, the CEL {@code expression} (kind MAPPING,
 * a {@code map(string, dyn)}) is evaluated and its entries are merged into the claims. {@code description}
 * is what the consent page shows for the scope; {@code managed} marks the defaults Gatehouse maintains.
 */
public record ScopeMapping(UUID pk, String name, String scopeName, String description, String expression,
                           String managed) {
}
