package dev.gatehouse.expression;

import dev.gatehouse.core.Application;
import dev.gatehouse.core.User;
import dev.gatehouse.core.UserGroups;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The variables an expression is evaluated with, under authentik's names:
 * <ul>
 * <li>{@code user}: the user ({@link UserValue}), anonymous when there is none;</li>
 * <li>{@code request}: {@code user} again, {@code http_request} ({@code client_ip} and its alias
 * {@code remote_addr}, {@code user_agent}, {@code path}, {@code host}; null when unknown) and {@code context};</li>
 * <li>{@code context}: the flow context ({@code pending_user}, {@code prompt_data}, {@code application}, …);</li>
 * <li>{@code provider}, {@code token}: what the caller gives (mappings).</li>
 * </ul>
 * Which of these an expression may use depends on its {@link ExpressionKind}.
 */
public final class ExpressionContext {
    public static final String USER = "user";
    public static final String REQUEST = "request";
    public static final String CONTEXT = "context";
    public static final String PROVIDER = "provider";
    public static final String TOKEN = "token";

    private final Map<String, Object> variables;
    private final AuthenticatorLookup authenticators;
    private final UserLookup users;

    private ExpressionContext(Map<String, Object> variables, AuthenticatorLookup authenticators, UserLookup users) {
        this.variables = Map.copyOf(variables);
        this.authenticators = authenticators;
        this.users = users;
    }

    /** What {@code ak_user_by} asks (Python); null when the caller offers it no lookup. */
    public UserLookup users() {
        return users;
    }

    /** What {@code ak_user_has_authenticator} asks; null when the caller offers it no lookup. */
    public AuthenticatorLookup authenticators() {
        return authenticators;
    }

    /** The CEL values by variable name. */
    public Map<String, Object> variables() {
        return variables;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Collects plain Java values; {@link #build} converts them to CEL values. */
    public static final class Builder {
        private User user;
        private UserGroups groups;
        private final Map<String, Object> http = new LinkedHashMap<>();
        private Map<String, Object> flowContext = Map.of();
        private Map<String, Object> provider;
        private Map<String, Object> token;
        private AuthenticatorLookup authenticators;
        private UserLookup users;

        private Builder() {
            http(null, null, null, null);
        }

        /** The user and its groups; a {@code null} user is anonymous, {@code null} groups are unknown. */
        public Builder user(User u, UserGroups g) {
            this.user = u;
            this.groups = g;
            return this;
        }

        /** Facts of the HTTP request; each may be {@code null} when unknown. */
        public Builder http(String clientIp, String host, String path, String userAgent) {
            http.put("client_ip", clientIp);
            http.put("remote_addr", clientIp);
            http.put("user_agent", userAgent);
            http.put("path", path);
            http.put("host", host);
            return this;
        }

        /** The flow context; a {@link User} in it (pending_user) becomes a user value, an application a map. */
        public Builder flowContext(Map<String, Object> context) {
            this.flowContext = context == null ? Map.of() : context;
            return this;
        }

        public Builder provider(Map<String, Object> p) {
            this.provider = p;
            return this;
        }

        public Builder token(Map<String, Object> t) {
            this.token = t;
            return this;
        }

        /** Lets {@code ak_user_has_authenticator} ask whether a user has a device. */
        public Builder authenticators(AuthenticatorLookup lookup) {
            this.authenticators = lookup;
            return this;
        }

        /** Lets {@code ak_user_by} find users (Python expressions). */
        public Builder users(UserLookup lookup) {
            this.users = lookup;
            return this;
        }

        public ExpressionContext build() {
            Map<String, Object> userValue = user == null ? UserValue.anonymous() : UserValue.of(user, groups);
            Map<String, Object> context = new LinkedHashMap<>();
            flowContext.forEach((k, v) -> {
                Object value = contextValue(v, userValue);
                if (value != null) {
                    context.put(k, value);
                }
            });
            Map<String, Object> request = new LinkedHashMap<>();
            request.put(USER, userValue);
            request.put("http_request", CelValues.toCel(http));
            request.put(CONTEXT, context);
            Map<String, Object> vars = new LinkedHashMap<>();
            vars.put(USER, userValue);
            vars.put(REQUEST, request);
            vars.put(CONTEXT, context);
            if (provider != null) {
                vars.put(PROVIDER, CelValues.toCel(provider));
            }
            if (token != null) {
                vars.put(TOKEN, CelValues.toCel(token));
            }
            return new ExpressionContext(vars, authenticators, users);
        }

        /** The pending user is the request's user as a rule; then it carries the groups too. */
        private Object contextValue(Object v, Map<String, Object> userValue) {
            return switch (v) {
                case User u when user != null && u.pk() == user.pk() -> userValue;
                case User u -> UserValue.of(u, null);
                case Application a -> application(a);
                default -> CelValues.convertible(v) ? CelValues.toCel(v) : null;
            };
        }

        private static Object application(Application a) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("pk", a.pk());
            m.put("slug", a.slug());
            m.put("name", a.name());
            m.put("group", a.group());
            m.put("meta_launch_url", a.metaLaunchUrl());
            m.put("meta_description", a.metaDescription());
            m.put("meta_publisher", a.metaPublisher());
            m.put("policy_engine_mode", a.policyEngineMode());
            return CelValues.toCel(m);
        }
    }
}
