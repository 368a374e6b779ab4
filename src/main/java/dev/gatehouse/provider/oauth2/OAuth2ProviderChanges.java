package dev.gatehouse.provider.oauth2;

import dev.gatehouse.core.ProviderChanges;
import dev.gatehouse.definition.Definition;
import dev.gatehouse.definition.Field;
import dev.gatehouse.definition.Kind;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * A create or update of an OAuth2 provider; null means "not given" (keep, or the default on create).
 * {@code signingKey} and {@code authenticationFlow} are Optional so that null can be set explicitly. The
 * choice fields hold their enum's wire value. {@link #DEFINITION} declares the fields as requests give them.
 */
public record OAuth2ProviderChanges(String name, UUID authorizationFlow, Optional<UUID> authenticationFlow,
                                   UUID invalidationFlow, String clientType, String clientId, String clientSecret,
                                   List<RedirectUri> redirectUris, Optional<UUID> signingKey,
                                   String accessCodeValidity, String accessTokenValidity,
                                   String refreshTokenValidity, String subMode, Boolean includeClaimsInIdToken,
                                   String issuerMode, List<UUID> propertyMappings) implements ProviderChanges {
    /** One registered redirect URI: {@code url}, {@code matching_mode} (strict, regex), {@code redirect_uri_type}. */
    public static final Kind<RedirectUri> REDIRECT_URI = Kind.mapped(Kind.OBJECT, OAuth2ProviderChanges::redirectUri,
            "Each redirect URI needs a url string.");
    public static final Field<List<UUID>> PROPERTY_MAPPINGS = Field.refs("property_mappings", "scope_mapping")
            .label("Scopes").help("The scope mappings whose claims the provider can issue.");
    public static final Field<String> CLIENT_TYPE = Field.choice("client_type", ClientType.class)
            .byDefault(ClientType.CONFIDENTIAL);
    public static final Field<String> CLIENT_ID = Field.string("client_id").notBlank().maxLength(255)
            .help("Generated when not given.");
    public static final Field<String> CLIENT_SECRET = Field.string("client_secret").notBlank().maxLength(255)
            .help("Generated when not given.");
    public static final Field<String> ACCESS_CODE_VALIDITY = Field.string("access_code_validity").byDefault("minutes=1")
            .help("How long an authorization code is valid (a timedelta: minutes=1).");
    public static final Field<String> ACCESS_TOKEN_VALIDITY = Field.string("access_token_validity").byDefault("hours=1");
    public static final Field<String> REFRESH_TOKEN_VALIDITY = Field.string("refresh_token_validity")
            .byDefault("days=30");
    public static final Field<Boolean> INCLUDE_CLAIMS_IN_ID_TOKEN = Field.bool("include_claims_in_id_token")
            .byDefault(true).label("Include claims in ID token");
    public static final Field<UUID> SIGNING_KEY = Field.ref("signing_key", "certificate_key_pair").nullable()
            .help("The key pair tokens are signed with; the default pair when not given.");
    public static final Field<List<RedirectUri>> REDIRECT_URIS = Field.of("redirect_uris", Kind.listOf(REDIRECT_URI))
            .label("Redirect URIs").help("Each with its matching mode: strict (the exact URL) or regex (a pattern the "
                    + "whole URL must match), e.g. \"- matching_mode: regex\" then \"  url: https://cloud\\.example\\.com/.*\".");
    public static final Field<String> SUB_MODE = Field.choice("sub_mode", SubMode.class)
            .byDefault(SubMode.HASHED_USER_ID).help("What the sub claim holds.");
    public static final Field<String> ISSUER_MODE = Field.choice("issuer_mode", IssuerMode.class)
            .byDefault(IssuerMode.PER_PROVIDER);

    public static final Definition<OAuth2ProviderChanges> DEFINITION = Definition.define("oauth2_provider", "OAuth2Provider")
            .field(NAME, AUTHORIZATION_FLOW, AUTHENTICATION_FLOW, INVALIDATION_FLOW, PROPERTY_MAPPINGS, CLIENT_TYPE,
                    CLIENT_ID, CLIENT_SECRET, ACCESS_CODE_VALIDITY, ACCESS_TOKEN_VALIDITY, REFRESH_TOKEN_VALIDITY,
                    INCLUDE_CLAIMS_IN_ID_TOKEN, SIGNING_KEY, REDIRECT_URIS, SUB_MODE, ISSUER_MODE)
            .build(v -> new OAuth2ProviderChanges(v.get(NAME), v.get(AUTHORIZATION_FLOW), v.optional(AUTHENTICATION_FLOW),
                    v.get(INVALIDATION_FLOW), v.get(CLIENT_TYPE), v.get(CLIENT_ID), v.get(CLIENT_SECRET),
                    v.get(REDIRECT_URIS), v.optional(SIGNING_KEY), v.get(ACCESS_CODE_VALIDITY),
                    v.get(ACCESS_TOKEN_VALIDITY), v.get(REFRESH_TOKEN_VALIDITY), v.get(SUB_MODE),
                    v.get(INCLUDE_CLAIMS_IN_ID_TOKEN), v.get(ISSUER_MODE), v.get(PROPERTY_MAPPINGS)));

    private static RedirectUri redirectUri(Map<String, Object> item) {
        if (!(item.get("url") instanceof String url)) {
            return null;
        }
        return new RedirectUri(text(item.get("matching_mode"), "strict"), url,
                text(item.get("redirect_uri_type"), "authorization"));
    }

    private static String text(Object value, String fallback) {
        return value == null ? fallback : String.valueOf(value);
    }
}
