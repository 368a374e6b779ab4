package dev.gatehouse.provider.oauth2;

import static dev.gatehouse.api.ApiTestSupport.ADMIN;
import static dev.gatehouse.api.ApiTestSupport.expect;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.openid.connect.sdk.Nonce;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponse;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponseParser;
import com.nimbusds.openid.connect.sdk.validators.IDTokenValidator;
import dev.gatehouse.testing.TestServer;
import java.net.URI;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.jooq.impl.DSL;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 13 §4: OAuth2 client secrets are sealed at rest (AES-256-GCM under SECRET_KEY) on H2 and PostgreSQL, yet
 * the admin API still shows them, {@code client_secret_basic} still authenticates, and HS256 id_tokens still verify
 * with the secret; rows stored in plaintext by an earlier version are sealed by the next start.
 */
class ClientSecretSealingTest {
    static Stream<Arguments> servers() {
        return Stream.of(Arguments.of("h2", (Supplier<TestServer>) TestServer::start),
                Arguments.of("postgres", (Supplier<TestServer>) TestServer::startOnPostgres));
    }

    private static String rawSecret(TestServer server, long provider) {
        return server.gatehouse().database().dsl().select(DSL.field(DSL.name("client_secret"), String.class))
                .from(DSL.table(DSL.name("providers_oauth2"))).where(DSL.field(DSL.name("provider_id")).eq(provider))
                .fetchOne(0, String.class);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("servers")
    void theStoredSecretIsSealedAndStillSignsHs256AndAuthenticatesTheClient(String kind, Supplier<TestServer> start)
            throws Exception {
        try (TestServer server = start.get()) {
            Map<String, Object> hs256 = new HashMap<>();
            hs256.put("signing_key", null);
            OAuth2Fixture app = OAuth2Fixture.create(server, "sealed-" + kind, hs256);
            String secret = app.clientSecret();

            String stored = rawSecret(server, app.providerPk());
            assertThat(stored).as("the raw column").doesNotContain(secret).startsWith("v1:");
            assertThat(expect(server.get("/api/v3/providers/oauth2/" + app.providerPk() + "/", ADMIN), 200)
                    .get("client_secret").asString()).as("the admin API still shows it").isEqualTo(secret);

            long admin = app.userPk("akadmin");
            Nonce nonce = new Nonce();
            String code = app.issueCode(admin, "openid profile", nonce.getValue(), null, null,
                    Instant.now().plusSeconds(60));
            TokenResponse r = OIDCTokenResponseParser.parse(new TokenRequest(app.tokenEndpoint(), app.basic(),
                    new AuthorizationCodeGrant(new com.nimbusds.oauth2.sdk.AuthorizationCode(code),
                            URI.create(OAuth2Fixture.REDIRECT))).toHTTPRequest().send());
            assertThat(r.indicatesSuccess()).as("client_secret_basic with the secret: %s", r).isTrue();
            OIDCTokenResponse ok = (OIDCTokenResponse) r.toSuccessResponse();
            assertThat(ok.getOIDCTokens().getIDToken().getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.HS256);
            new IDTokenValidator(app.metadata().getIssuer(), new ClientID(app.clientId()), JWSAlgorithm.HS256,
                    new Secret(secret)).validate(ok.getOIDCTokens().getIDToken(), nonce);

            TokenResponse wrong = OIDCTokenResponseParser.parse(new TokenRequest(app.tokenEndpoint(),
                    new com.nimbusds.oauth2.sdk.auth.ClientSecretBasic(new ClientID(app.clientId()), new Secret(stored)),
                    new AuthorizationCodeGrant(new com.nimbusds.oauth2.sdk.AuthorizationCode("x"),
                            URI.create(OAuth2Fixture.REDIRECT))).toHTTPRequest().send());
            assertThat(wrong.toErrorResponse().getErrorObject().getCode()).as("the sealed form is no secret")
                    .isEqualTo("invalid_client");
        }
    }

    /** One server after another on the same data: an H2 data directory or a PostgreSQL database. */
    static Stream<Arguments> restartable() {
        return Stream.of(Arguments.of("h2", (java.util.function.Function<String, TestServer>) dir ->
                        TestServer.start(Map.of("data_dir", dir, "secret_key", "test-secret"))),
                Arguments.of("postgres", (java.util.function.Function<String, TestServer>) db ->
                        TestServer.startOnPostgres(db)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("restartable")
    void aSecretStoredInPlaintextByAnEarlierVersionIsSealedAtTheNextStart(String kind,
            java.util.function.Function<String, TestServer> start) throws Exception {
        String where = kind.equals("h2") ? java.nio.file.Files.createTempDirectory("sealing").toString()
                : dev.gatehouse.testing.TestDatabases.newPostgresDatabase();
        long pk;
        String secret = "plain-secret-from-an-earlier-version-0123456789";
        try (TestServer before = start.apply(where)) {
            pk = OAuth2Fixture.create(before, "legacy-" + kind, Map.of()).providerPk();
            // What an earlier version left: the secret in plaintext, and no marker that secrets were sealed.
            before.gatehouse().database().txRun(dsl -> {
                dsl.update(DSL.table(DSL.name("providers_oauth2")))
                        .set(DSL.field(DSL.name("client_secret"), String.class), secret)
                        .where(DSL.field(DSL.name("provider_id")).eq(pk)).execute();
                dsl.deleteFrom(DSL.table(DSL.name("system_state")))
                        .where(DSL.field(DSL.name("name")).eq("oauth2.client_secrets_sealed")).execute();
            });
        }
        try (TestServer after = start.apply(where)) {
            assertThat(rawSecret(after, pk)).doesNotContain(secret).startsWith("v1:");
            assertThat(expect(after.get("/api/v3/providers/oauth2/" + pk + "/", ADMIN), 200).get("client_secret")
                    .asString()).isEqualTo(secret);
        }
        try (TestServer again = start.apply(where)) {
            assertThat(expect(again.get("/api/v3/providers/oauth2/" + pk + "/", ADMIN), 200).get("client_secret")
                    .asString()).as("sealed once, not twice").isEqualTo(secret);
        }
    }
}
