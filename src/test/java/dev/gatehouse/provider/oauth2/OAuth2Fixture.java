package dev.gatehouse.provider.oauth2;

import static dev.gatehouse.api.ApiTestSupport.ADMIN;
import static dev.gatehouse.api.ApiTestSupport.expect;
import static dev.gatehouse.api.ApiTestSupport.obj;

import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata;
import dev.gatehouse.crypto.Secrets;
import dev.gatehouse.provider.oauth2.grant.AuthorizationCode;
import dev.gatehouse.store.Stores;
import dev.gatehouse.testing.TestServer;
import java.net.URI;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/** An application with an OAuth2 provider on a test server, and its discovered metadata (Nimbus as the RP). */
record OAuth2Fixture(TestServer server, String slug, long providerPk, String clientId, String clientSecret,
                     OIDCProviderMetadata metadata) {
    static final String REDIRECT = "https://rp.example.org/callback";

    static OAuth2Fixture create(TestServer server, String slug, Map<String, Object> extra) {
        String flow = expect(server.get("/api/v3/flows/instances/default-provider-authorization-implicit-consent/",
                ADMIN), 200).get("pk").asString();
        Map<String, Object> body = new java.util.LinkedHashMap<>(Map.of("name", "provider-" + slug,
                "authorization_flow", flow, "redirect_uris",
                java.util.List.of(Map.of("matching_mode", "strict", "url", REDIRECT))));
        body.putAll(extra);
        JsonNode p = expect(server.send("POST", "/api/v3/providers/oauth2/", ADMIN,
                dev.gatehouse.api.ApiTestSupport.JSON.writeValueAsString(body)), 201);
        expect(server.send("POST", "/api/v3/core/applications/", ADMIN, obj("name", "App " + slug, "slug", slug,
                "provider", p.get("pk").asLong())), 201);
        try {
            OIDCProviderMetadata metadata = OIDCProviderMetadata.resolve(
                    new Issuer(server.base() + "/application/o/" + slug + "/"));
            return new OAuth2Fixture(server, slug, p.get("pk").asLong(), p.get("client_id").asString(),
                    p.get("client_secret").asString(), metadata);
        } catch (Exception e) {
            throw new IllegalStateException("discovery failed", e);
        }
    }

    ClientSecretBasic basic() {
        return new ClientSecretBasic(new ClientID(clientId), new Secret(clientSecret));
    }

    URI tokenEndpoint() {
        return metadata.getTokenEndpointURI();
    }

    Stores stores() {
        return Stores.on(server.gatehouse().database().dsl());
    }

    long userPk(String username) {
        return stores().users().byUsername(username).orElseThrow().pk();
    }

    /** A code as the authorization endpoint stores it (hash only); returns the code. */
    String issueCode(long user, String scope, String nonce, String challenge, String method, Instant expires) {
        String code = Secrets.randomKey(64);
        stores().oauth2Grants().insert(new AuthorizationCode(Secrets.sha256Hex(code), UUID.randomUUID(), providerPk,
                user, REDIRECT, scope, nonce, challenge, method, Instant.now().minusSeconds(5), "session-hash", "pwd",
                expires, false));
        return code;
    }
}
