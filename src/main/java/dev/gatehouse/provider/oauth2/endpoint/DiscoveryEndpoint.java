package dev.gatehouse.provider.oauth2.endpoint;

import com.nimbusds.oauth2.sdk.GrantType;
import dev.gatehouse.core.Application;
import dev.gatehouse.core.ApplicationStore;
import dev.gatehouse.crypto.certificatekeypairs.CertificateKeyPairService;
import dev.gatehouse.crypto.certificatekeypairs.Jwks;
import dev.gatehouse.provider.oauth2.Issuer;
import dev.gatehouse.provider.oauth2.OAuth2Provider;
import dev.gatehouse.provider.oauth2.OAuth2ProviderStore;
import dev.gatehouse.provider.oauth2.authorize.AuthorizationResponseTypes;
import dev.gatehouse.provider.oauth2.scope.ScopeMapping;
import dev.gatehouse.provider.oauth2.scope.ScopeMappingStore;
import dev.gatehouse.provider.oauth2.token.ProviderKeys;
import dev.gatehouse.provider.oauth2.token.TokenIssuer;
import dev.gatehouse.store.Database;
import dev.gatehouse.web.RouteName;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jooq.DSLContext;

/**
 * Per application: OpenID Connect discovery ({@code /application/o/<slug>/.well-known/openid-configuration},
 * OIDC Discovery §4), the same document as RFC 8414 metadata
 * ({@code /.well-known/oauth-authorization-server/application/o/<slug>/}), and the provider's public keys
 * ({@code /application/o/<slug>/jwks/}, RFC 7517; empty for HS256 providers: a secret is never published).
 */
public final class DiscoveryEndpoint {
    private final Database db;
    private final HttpAdapter http;
    private final ProviderKeys keys;
    private final CertificateKeyPairService keyPairs;

    public DiscoveryEndpoint(Database db, HttpAdapter http, ProviderKeys keys, CertificateKeyPairService keyPairs) {
        this.db = db;
        this.http = http;
        this.keys = keys;
        this.keyPairs = keyPairs;
    }

    private record Found(Application app, OAuth2Provider provider) {
    }

    private Optional<Found> find(String slug) {
        DSLContext dsl = db.dsl();
        return new ApplicationStore(dsl).bySlug(slug).filter(a -> a.provider() != null)
                .flatMap(a -> new OAuth2ProviderStore(dsl).byPk(a.provider()).map(p -> new Found(a, p)));
    }

    public void configuration(ServerRequest req, ServerResponse res, String route) {
        req.context().register(new RouteName(route));
        Optional<Found> found = find(req.path().pathParameters().get("slug"));
        if (found.isEmpty()) {
            notFound(res);
            return;
        }
        String base = http.base(req);
        OAuth2Provider p = found.get().provider();
        String o = base + "/application/o/";
        String slug = found.get().app().slug();
        List<String> scopes = new ScopeMappingStore(db.dsl()).byPks(p.propertyMappings()).stream()
                .map(ScopeMapping::scopeName).distinct().toList();
        String alg = keys.of(p).algorithm().getName();
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("issuer", Issuer.of(base, p, found.get().app()));
        d.put("authorization_endpoint", o + "authorize/");
        d.put("token_endpoint", o + "token/");
        d.put("userinfo_endpoint", o + "userinfo/");
        d.put("end_session_endpoint", o + slug + "/end-session/");
        d.put("introspection_endpoint", o + "introspect/");
        d.put("revocation_endpoint", o + "revoke/");
        d.put("device_authorization_endpoint", o + "device/");
        d.put("jwks_uri", o + slug + "/jwks/");
        d.put("response_types_supported", AuthorizationResponseTypes.typeNames());
        d.put("response_modes_supported", AuthorizationResponseTypes.modeNames());
        d.put("grant_types_supported", List.of("authorization_code", "refresh_token", "implicit", "client_credentials",
                "password", GrantType.DEVICE_CODE.getValue()));
        d.put("subject_types_supported", List.of("public"));
        d.put("id_token_signing_alg_values_supported", List.of(alg));
        d.put("scopes_supported", scopes);
        d.put("token_endpoint_auth_methods_supported", List.of("client_secret_post", "client_secret_basic"));
        d.put("introspection_endpoint_auth_methods_supported", List.of("client_secret_post", "client_secret_basic"));
        d.put("revocation_endpoint_auth_methods_supported", List.of("client_secret_post", "client_secret_basic"));
        d.put("code_challenge_methods_supported", List.of("plain", "S256"));
        d.put("claims_supported", List.of("sub", "iss", "aud", "exp", "iat", "auth_time", "acr", "amr", "nonce", "sid",
                "email", "email_verified", "name", "given_name", "preferred_username", "nickname", "groups"));
        d.put("acr_values_supported", List.of(TokenIssuer.ACR));
        d.put("claims_parameter_supported", false);
        d.put("request_parameter_supported", false);
        d.put("authorization_response_iss_parameter_supported", true); // RFC 9207 §3
        res.header(HeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN, "*");
        HttpAdapter.json(res, 200, d);
    }

    public void jwks(ServerRequest req, ServerResponse res) {
        req.context().register(new RouteName("/application/o/{slug}/jwks/"));
        Optional<Found> found = find(req.path().pathParameters().get("slug"));
        if (found.isEmpty()) {
            notFound(res);
            return;
        }
        OAuth2Provider p = found.get().provider();
        Map<String, Object> doc = p.signingKey() == null ? Map.of("keys", List.of())
                : keyPairs.byPk(p.signingKey()).map(k -> Jwks.document(List.of(k))).orElse(Map.of("keys", List.of()));
        res.header(HeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN, "*");
        HttpAdapter.json(res, 200, doc);
    }

    private static void notFound(ServerResponse res) {
        HttpAdapter.json(res, 404, Map.of("detail", "Not found."));
    }
}
