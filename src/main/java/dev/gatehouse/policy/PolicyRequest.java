package dev.gatehouse.policy;

import dev.gatehouse.core.User;
import dev.gatehouse.core.UserGroups;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a policy is asked about: the user ({@code null} when anonymous), the client IP, facts of the HTTP
 * request and a context map (the flow context once flows evaluate policies: {@code prompt_data},
 * {@code pending_user}, …). authentik's {@code PolicyRequest}; free of HTTP types on purpose.
 * {@code groups} are the user's groups; {@code null} until the policy engine loads them (it does before
 * evaluating policies), so evaluators get them as data and never query the database themselves.
 */
public record PolicyRequest(User user, String clientIp, Http http, Map<String, Object> context, UserGroups groups,
                            dev.gatehouse.expression.AuthenticatorLookup authenticators, ReputationLookup reputation,
                            dev.gatehouse.expression.UserLookup users) {

    /** The facts of the HTTP request a policy may look at; each {@code null} when unknown. */
    public record Http(String host, String path, String userAgent) {
        public static final Http NONE = new Http(null, null, null);
    }

    public PolicyRequest {
        http = http == null ? Http.NONE : http;
        context = context == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(context));
        groups = user == null ? null : groups;
    }

    public PolicyRequest(User user, String clientIp, Http http, Map<String, Object> context, UserGroups groups,
                         dev.gatehouse.expression.AuthenticatorLookup authenticators, ReputationLookup reputation) {
        this(user, clientIp, http, context, groups, authenticators, reputation, null);
    }

    public PolicyRequest(User user, String clientIp, Http http, Map<String, Object> context, UserGroups groups,
                         dev.gatehouse.expression.AuthenticatorLookup authenticators) {
        this(user, clientIp, http, context, groups, authenticators, null, null);
    }

    public PolicyRequest(User user, String clientIp, Http http, Map<String, Object> context, UserGroups groups) {
        this(user, clientIp, http, context, groups, null, null, null);
    }

    /** A request whose user's groups are not loaded yet. */
    public PolicyRequest(User user, String clientIp, Http http, Map<String, Object> context) {
        this(user, clientIp, http, context, null);
    }

    /** A request about a user with no HTTP facts and an empty context. */
    public static PolicyRequest of(User user) {
        return new PolicyRequest(user, null, Http.NONE, Map.of());
    }

    /** The same request about another user (whose groups are not loaded). */
    public PolicyRequest withUser(User other) {
        return new PolicyRequest(other, clientIp, http, context, null, authenticators, reputation, users);
    }

    /** The same request with the user's groups. */
    public PolicyRequest withGroups(UserGroups userGroups) {
        return new PolicyRequest(user, clientIp, http, context, userGroups, authenticators, reputation, users);
    }

    /** The same request with a lookup of users' authenticator devices ({@code ak_user_has_authenticator}). */
    public PolicyRequest withAuthenticators(dev.gatehouse.expression.AuthenticatorLookup lookup) {
        return new PolicyRequest(user, clientIp, http, context, groups, lookup, reputation, users);
    }

    /** The same request with a lookup of reputation scores (the reputation policy). */
    public PolicyRequest withReputation(ReputationLookup lookup) {
        return new PolicyRequest(user, clientIp, http, context, groups, authenticators, lookup, users);
    }

    /** The same request with a lookup of users by username, pk, email or uuid ({@code ak_user_by}). */
    public PolicyRequest withUsers(dev.gatehouse.expression.UserLookup lookup) {
        return new PolicyRequest(user, clientIp, http, context, groups, authenticators, reputation, lookup);
    }

    /** The same request with one more context entry. */
    public PolicyRequest withContext(String key, Object value) {
        Map<String, Object> m = new LinkedHashMap<>(context);
        m.put(key, value);
        return new PolicyRequest(user, clientIp, http, m, groups, authenticators, reputation, users);
    }
}
