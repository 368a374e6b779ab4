package dev.gatehouse.policy;

import dev.gatehouse.core.User;
import dev.gatehouse.core.UserGroups;
import dev.gatehouse.expression.AuthenticatorLookup;
import dev.gatehouse.expression.UserLookup;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a policy is asked about: the user ({@code null} when anonymous), the client IP, facts of the HTTP
 * request and a context map (the flow context once flows evaluate policies: {@code prompt_data},
 * {@code pending_user}, …). authentik's {@code PolicyRequest}; free of HTTP types on purpose.
 * {@code groups} are the user's groups; {@code null} until the policy engine loads them (it does before
 * evaluating policies), so evaluators get them as data and never query the database themselves. The same holds
 * for the stored data a few policies ask about: the engine gives the request its {@link Lookups}.
 */
public record PolicyRequest(User user, String clientIp, Http http, Map<String, Object> context, UserGroups groups,
                            Lookups lookups) {

    /** The facts of the HTTP request a policy may look at; each {@code null} when unknown. */
    public record Http(String host, String path, String userAgent) {
        public static final Http NONE = new Http(null, null, null);
    }

    /**
     * What policies may ask of stored data, each {@code null} until the engine provides it: authenticator devices
     * ({@code ak_user_has_authenticator}), reputation scores (the reputation policy), recent logins (the GeoIP
     * policy's history checks) and users by username, pk, email or uuid ({@code ak_user_by}).
     */
    public record Lookups(AuthenticatorLookup authenticators, ReputationLookup reputation, LoginHistory logins,
                          UserLookup users) {
        public static final Lookups NONE = new Lookups(null, null, null, null);
    }

    public PolicyRequest {
        http = http == null ? Http.NONE : http;
        context = context == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(context));
        groups = user == null ? null : groups;
        lookups = lookups == null ? Lookups.NONE : lookups;
    }

    public PolicyRequest(User user, String clientIp, Http http, Map<String, Object> context, UserGroups groups) {
        this(user, clientIp, http, context, groups, Lookups.NONE);
    }

    /** A request whose user's groups are not loaded yet. */
    public PolicyRequest(User user, String clientIp, Http http, Map<String, Object> context) {
        this(user, clientIp, http, context, null);
    }

    /** A request about a user with no HTTP facts and an empty context. */
    public static PolicyRequest of(User user) {
        return new PolicyRequest(user, null, Http.NONE, Map.of());
    }

    public AuthenticatorLookup authenticators() {
        return lookups.authenticators();
    }

    public ReputationLookup reputation() {
        return lookups.reputation();
    }

    public LoginHistory logins() {
        return lookups.logins();
    }

    public UserLookup users() {
        return lookups.users();
    }

    /** The same request about another user (whose groups are not loaded). */
    public PolicyRequest withUser(User other) {
        return new PolicyRequest(other, clientIp, http, context, null, lookups);
    }

    /** The same request with the user's groups. */
    public PolicyRequest withGroups(UserGroups userGroups) {
        return new PolicyRequest(user, clientIp, http, context, userGroups, lookups);
    }

    public PolicyRequest withAuthenticators(AuthenticatorLookup lookup) {
        return with(new Lookups(lookup, reputation(), logins(), users()));
    }

    public PolicyRequest withReputation(ReputationLookup lookup) {
        return with(new Lookups(authenticators(), lookup, logins(), users()));
    }

    public PolicyRequest withLogins(LoginHistory history) {
        return with(new Lookups(authenticators(), reputation(), history, users()));
    }

    public PolicyRequest withUsers(UserLookup lookup) {
        return with(new Lookups(authenticators(), reputation(), logins(), lookup));
    }

    private PolicyRequest with(Lookups l) {
        return new PolicyRequest(user, clientIp, http, context, groups, l);
    }

    /** The same request with one more context entry. */
    public PolicyRequest withContext(String key, Object value) {
        Map<String, Object> m = new LinkedHashMap<>(context);
        m.put(key, value);
        return new PolicyRequest(user, clientIp, http, m, groups, lookups);
    }
}
