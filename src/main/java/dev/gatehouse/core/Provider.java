package dev.gatehouse.core;

import java.time.Instant;
import java.util.UUID;

/** The common part of every provider kind (oauth2, proxy, ldap, saml, radius). */
public record Provider(long pk, String name, String kind, UUID authorizationFlow, UUID authenticationFlow,
                       UUID invalidationFlow, Instant created) {
    public static final java.util.Set<String> KINDS = java.util.Set.of("oauth2", "proxy", "ldap", "saml", "radius");
}
