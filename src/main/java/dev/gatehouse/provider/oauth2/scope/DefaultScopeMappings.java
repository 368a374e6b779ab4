package dev.gatehouse.provider.oauth2.scope;

import dev.gatehouse.core.Actor;
import dev.gatehouse.core.EventLog;
import dev.gatehouse.store.SystemStateStore;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jooq.DSLContext;

/**
 * authentik's default scope mappings, written in CEL, created once on first start (inside the bootstrap
 * transaction) and then left to the admin. {@code sub}, {@code iss} and the other protocol claims are not
 * mappings: the token issuer sets them.
 */
public final class DefaultScopeMappings {
    static final String MARKER = "defaults.oauth2.scope-mappings.v1";
    public static final String OPENID = "goauthentik.io/providers/oauth2/scope-openid";
    public static final String EMAIL = "goauthentik.io/providers/oauth2/scope-email";
    public static final String PROFILE = "goauthentik.io/providers/oauth2/scope-profile";
    public static final String OFFLINE_ACCESS = "goauthentik.io/providers/oauth2/scope-offline_access";
    public static final String API = "goauthentik.io/providers/oauth2/scope-authentik_api";

    static final List<ScopeMapping> ALL = List.of(
            mapping(OPENID, "authentik default OAuth Mapping: OpenID 'openid'", "openid", "",
                    "{}"),
            mapping(EMAIL, "authentik default OAuth Mapping: OpenID 'email'", "email", "Email address",
                    "{'email': user.email, 'email_verified': true}"),
            mapping(PROFILE, "authentik default OAuth Mapping: OpenID 'profile'", "profile", "General Profile Information",
                    "{'name': user.name, 'given_name': user.name, 'preferred_username': user.username, "
                            + "'nickname': user.username, 'groups': user.groups.map(g, g.name)}"),
            mapping(OFFLINE_ACCESS, "authentik default OAuth Mapping: OpenID 'offline_access'", "offline_access",
                    "Access to request new tokens without interaction", "{}"),
            mapping(API, "authentik default OAuth Mapping: authentik API access", "goauthentik.io/api",
                    "authentik API Access on behalf of your user", "{}"));

    private DefaultScopeMappings() {
    }

    private static ScopeMapping mapping(String managed, String name, String scope, String description, String expression) {
        return new ScopeMapping(UUID.randomUUID(), name, scope, description, expression, managed);
    }

    public static void ensure(DSLContext dsl) {
        if (new SystemStateStore(dsl).get(MARKER).isPresent()) {
            return;
        }
        for (ScopeMapping m : ALL) {
            if (new ScopeMappingStore(dsl).byManaged(m.managed()).isEmpty() && !new ScopeMappingStore(dsl).nameTaken(m.name(), null)) {
                ScopeMapping created = new ScopeMappingStore(dsl).insert(new ScopeMapping(UUID.randomUUID(), m.name(),
                        m.scopeName(), m.description(), m.expression(), m.managed()));
                EventLog.modelCreated(dsl, Actor.SYSTEM, "scopemapping", created.pk(), created.name());
            }
        }
        new SystemStateStore(dsl).putIfAbsent(MARKER, Instant.now().toString());
    }
}
