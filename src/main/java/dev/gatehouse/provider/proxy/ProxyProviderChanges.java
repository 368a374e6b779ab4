package dev.gatehouse.provider.proxy;

import dev.gatehouse.core.ProviderChanges;
import dev.gatehouse.definition.Definition;
import dev.gatehouse.definition.Field;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * A create or update of a proxy provider; null means "not given" (keep, or the default on create).
 * {@code authenticationFlow} is Optional so null can be set explicitly. {@code outposts} null on create means
 * "the embedded outpost"; a list (possibly empty) names them exactly. {@code mode} is a {@link ProxyMode}'s wire
 * value. {@link #DEFINITION} declares the fields as requests give them.
 */
public record ProxyProviderChanges(String name, UUID authorizationFlow, Optional<UUID> authenticationFlow,
                                   UUID invalidationFlow, List<UUID> propertyMappings, String mode,
                                   String externalHost, String internalHost, Boolean internalHostSslValidation,
                                   String cookieDomain, String skipPathRegex, Boolean basicAuthEnabled,
                                   String basicAuthUserAttribute, String basicAuthPasswordAttribute,
                                   Boolean interceptHeaderAuth, String accessTokenValidity,
                                   String refreshTokenValidity, List<UUID> outposts) implements ProviderChanges {
    public static final Field<List<UUID>> PROPERTY_MAPPINGS = Field.refs("property_mappings", "scope_mapping")
            .label("Additional scopes").help("Scope mappings besides openid, email and profile.");
    public static final Field<String> MODE = Field.choice("mode", ProxyMode.class).byDefault(ProxyMode.PROXY)
            .help("proxy: Gatehouse proxies to the internal host; forward_single / forward_domain: a reverse proxy "
                    + "asks Gatehouse per request, for one host or for every host under the cookie domain.");
    public static final Field<String> EXTERNAL_HOST = Field.string("external_host").required()
            .help("The URL users open, e.g. https://app.example.org.");
    public static final Field<String> INTERNAL_HOST = Field.string("internal_host").byDefault("")
            .help("The upstream Gatehouse proxies to (proxy mode only).");
    public static final Field<Boolean> INTERNAL_HOST_SSL_VALIDATION = Field.bool("internal_host_ssl_validation")
            .byDefault(true).label("Validate the internal host's certificate");
    public static final Field<String> COOKIE_DOMAIN = Field.string("cookie_domain").byDefault("")
            .help("The domain the session cookie is set for (forward_domain mode).");
    public static final Field<String> SKIP_PATH_REGEX = Field.string("skip_path_regex").byDefault("")
            .help("Paths (one regular expression per line) that need no sign-in.");
    public static final Field<Boolean> BASIC_AUTH_ENABLED = Field.bool("basic_auth_enabled").byDefault(false)
            .label("Send HTTP Basic credentials").help("Passes the user's attributes as Authorization: Basic upstream.");
    public static final Field<String> BASIC_AUTH_USER_ATTRIBUTE = Field.string("basic_auth_user_attribute")
            .byDefault("");
    public static final Field<String> BASIC_AUTH_PASSWORD_ATTRIBUTE = Field.string("basic_auth_password_attribute")
            .byDefault("");
    public static final Field<Boolean> INTERCEPT_HEADER_AUTH = Field.bool("intercept_header_auth").byDefault(true)
            .help("Accept an Authorization header carrying a Gatehouse token or app password.");
    public static final Field<String> ACCESS_TOKEN_VALIDITY = Field.string("access_token_validity")
            .byDefault(ProxyProviderService.DEFAULT_ACCESS_TOKEN_VALIDITY)
            .help("How long a sign-in lasts (a timedelta: hours=24).");
    public static final Field<String> REFRESH_TOKEN_VALIDITY = Field.string("refresh_token_validity")
            .byDefault("days=30");

    public static final Definition<ProxyProviderChanges> DEFINITION = Definition.define("proxy_provider", "ProxyProvider")
            .field(NAME, AUTHORIZATION_FLOW, AUTHENTICATION_FLOW, INVALIDATION_FLOW, PROPERTY_MAPPINGS, MODE,
                    EXTERNAL_HOST, INTERNAL_HOST, INTERNAL_HOST_SSL_VALIDATION, COOKIE_DOMAIN, SKIP_PATH_REGEX,
                    BASIC_AUTH_ENABLED, BASIC_AUTH_USER_ATTRIBUTE, BASIC_AUTH_PASSWORD_ATTRIBUTE,
                    INTERCEPT_HEADER_AUTH, ACCESS_TOKEN_VALIDITY, REFRESH_TOKEN_VALIDITY, OUTPOST_SET)
            .build(v -> new ProxyProviderChanges(v.get(NAME), v.get(AUTHORIZATION_FLOW), v.optional(AUTHENTICATION_FLOW),
                    v.get(INVALIDATION_FLOW), v.get(PROPERTY_MAPPINGS), v.get(MODE),
                    v.get(EXTERNAL_HOST), v.get(INTERNAL_HOST), v.get(INTERNAL_HOST_SSL_VALIDATION),
                    v.get(COOKIE_DOMAIN), v.get(SKIP_PATH_REGEX), v.get(BASIC_AUTH_ENABLED),
                    v.get(BASIC_AUTH_USER_ATTRIBUTE), v.get(BASIC_AUTH_PASSWORD_ATTRIBUTE),
                    v.get(INTERCEPT_HEADER_AUTH), v.get(ACCESS_TOKEN_VALIDITY), v.get(REFRESH_TOKEN_VALIDITY),
                    v.get(OUTPOST_SET)));
}
