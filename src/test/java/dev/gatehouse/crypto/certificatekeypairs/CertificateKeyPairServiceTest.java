package dev.gatehouse.crypto.certificatekeypairs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.core.Actor;
import dev.gatehouse.core.Event;
import dev.gatehouse.core.EventStore;
import dev.gatehouse.core.errors.NotFoundException;
import dev.gatehouse.core.errors.ValidationException;
import dev.gatehouse.store.Database;
import dev.gatehouse.store.PageRequest;
import dev.gatehouse.testing.TestDatabases;
import java.security.PrivateKey;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jooq.Record;
import org.jooq.impl.DSL;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The service over a real store, on H2 and PostgreSQL: keys sealed at rest, events, references, validation. */
class CertificateKeyPairServiceTest {
    private static final String KINDS = "dev.gatehouse.testing.TestDatabases#kinds";
    private static final PrivateKeyCipher CIPHER = new PrivateKeyCipher("service-test-secret");

    private static CertificateKeyPairService service(Database db, KeyPairReferences... refs) {
        return new CertificateKeyPairService(db, CIPHER, List.of(refs));
    }

    private static List<Event> events(Database db, String action) {
        return new EventStore(db.dsl()).list(new PageRequest(1, 100, null, null, Map.of("action", action))).results();
    }

    @ParameterizedTest
    @MethodSource(KINDS)
    void importWhenKeyGivenThenStoredSealedAndOpensToSameKey(String kind) {
        try (Database db = TestDatabases.open(kind)) {
            KeyMaterial m = KeyMaterialTest.RSA;
            String keyPem = KeyMaterialTest.keyPem(m);

            CertificateKeyPair p = service(db).importPem(Actor.SYSTEM, "imported", KeyMaterialTest.certPem(m), keyPem);

            assertThat(p.privateKeyAvailable()).isTrue();
            assertThat(p.keyType()).isEqualTo(KeyType.RSA);
            assertThat(p.fingerprintSha256()).isEqualTo(m.details().fingerprintSha256());
            assertThat(p.notAfter()).isEqualTo(m.details().notAfter());
            assertThat(p.certificate()).isEqualTo(m.leaf());
            Record row = db.dsl().selectFrom(DSL.table(DSL.name("crypto_certificatekeypair"))).fetchOne();
            String body = keyPem.lines().filter(l -> !l.startsWith("-----")).findFirst().orElseThrow();
            for (Object v : row.intoArray()) {
                assertThat(String.valueOf(v)).doesNotContain("PRIVATE KEY").doesNotContain(body);
            }
            PrivateKey opened = service(db).privateKey(service(db).byPk(p.pk()).orElseThrow()).orElseThrow();
            assertThat(opened.getEncoded()).isEqualTo(m.privateKey().getEncoded());
            assertThat(events(db, "model_created")).singleElement().satisfies(e -> assertThat(e.context())
                    .containsEntry("model", Map.of("app", "authentik_crypto", "model_name", "certificatekeypair",
                            "pk", p.pk().toString(), "name", "imported")));
        }
    }

    @ParameterizedTest
    @MethodSource(KINDS)
    void generateThenSelfSignedPairNamedAfterCommonName(String kind) {
        try (Database db = TestDatabases.open(kind)) {
            CertificateKeyPair p = service(db).generate(Actor.SYSTEM, new CertificateKeyPairService.Generation(
                    "idp.example.org", "idp.example.org, 10.0.0.1", 10, "ecdsa"));

            assertThat(p.name()).isEqualTo("idp.example.org");
            assertThat(p.keyType()).isEqualTo(KeyType.ECDSA);
            assertThat(p.subject()).contains("CN=idp.example.org");
            assertThat(java.time.Duration.between(p.notBefore(), p.notAfter()).toDays()).isEqualTo(11);
            assertThat(SigningKey.canSign(p)).isTrue();
            assertThatThrownBy(() -> service(db).generate(Actor.SYSTEM,
                    new CertificateKeyPairService.Generation("idp.example.org", null, 10, null)))
                    .isInstanceOfSatisfying(ValidationException.class,
                            e -> assertThat(e.errors()).containsKey("common_name"));
        }
    }

    @ParameterizedTest
    @MethodSource(KINDS)
    void generateWhenInputInvalidThenFieldErrors(String kind) {
        try (Database db = TestDatabases.open(kind)) {
            assertThatThrownBy(() -> service(db).generate(Actor.SYSTEM,
                    new CertificateKeyPairService.Generation(null, "bad name!, ok.example", 0, "dsa")))
                    .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.errors())
                            .containsOnlyKeys("common_name", "validity_days", "alg", "subject_alt_name"));
            assertThat(service(db).list(PageRequest.all()).count()).isZero();
        }
    }

    @ParameterizedTest
    @MethodSource(KINDS)
    void listWhenFilteredThenHasKeyKeyTypeAndNameWork(String kind) {
        try (Database db = TestDatabases.open(kind)) {
            CertificateKeyPairService s = service(db);
            s.importPem(Actor.SYSTEM, "rsa-full", KeyMaterialTest.certPem(KeyMaterialTest.RSA),
                    KeyMaterialTest.keyPem(KeyMaterialTest.RSA));
            s.importPem(Actor.SYSTEM, "ec-cert-only", KeyMaterialTest.certPem(KeyMaterialTest.EC), null);

            assertThat(names(s, Map.of())).containsExactly("ec-cert-only", "rsa-full");
            assertThat(names(s, Map.of("has_key", "true"))).containsExactly("rsa-full");
            assertThat(names(s, Map.of("has_key", "false"))).containsExactly("ec-cert-only");
            assertThat(names(s, Map.of("key_type", "ecdsa"))).containsExactly("ec-cert-only");
            assertThat(names(s, Map.of("name", "rsa-full"))).containsExactly("rsa-full");
            assertThat(s.list(new PageRequest(1, 10, "CERT-only", null, Map.of())).results()).hasSize(1);
            assertThat(s.list(new PageRequest(1, 10, null, "-name", Map.of())).results())
                    .extracting(CertificateKeyPair::name).containsExactly("rsa-full", "ec-cert-only");
        }
    }

    private static List<String> names(CertificateKeyPairService s, Map<String, String> filters) {
        return s.list(new PageRequest(1, 10, null, null, filters)).results().stream().map(CertificateKeyPair::name).toList();
    }

    @ParameterizedTest
    @MethodSource(KINDS)
    void renameThenNameChangesAndDuplicateRefused(String kind) {
        try (Database db = TestDatabases.open(kind)) {
            CertificateKeyPairService s = service(db);
            CertificateKeyPair a = s.importPem(Actor.SYSTEM, "a", KeyMaterialTest.certPem(KeyMaterialTest.RSA), null);
            s.importPem(Actor.SYSTEM, "b", KeyMaterialTest.certPem(KeyMaterialTest.EC), null);

            assertThat(s.rename(Actor.SYSTEM, a.pk(), "a2").name()).isEqualTo("a2");
            assertThatThrownBy(() -> s.rename(Actor.SYSTEM, a.pk(), "b")).isInstanceOf(ValidationException.class);
            assertThatThrownBy(() -> s.importPem(Actor.SYSTEM, "b", KeyMaterialTest.certPem(KeyMaterialTest.EC), null))
                    .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.errors()).containsKey("name"));
            assertThat(events(db, "model_updated")).hasSize(1);
        }
    }

    @ParameterizedTest
    @MethodSource(KINDS)
    void deleteWhenReferencedThenRefusedElseDeletedWithEvent(String kind) {
        try (Database db = TestDatabases.open(kind)) {
            java.util.Set<UUID> used = new java.util.HashSet<>();
            CertificateKeyPairService s = service(db,
                    (dsl, pk) -> used.contains(pk) ? List.of("OAuth2 provider \"grafana\"") : List.of());
            CertificateKeyPair p = s.importPem(Actor.SYSTEM, "signing", KeyMaterialTest.certPem(KeyMaterialTest.RSA),
                    KeyMaterialTest.keyPem(KeyMaterialTest.RSA));
            used.add(p.pk());

            assertThatThrownBy(() -> s.delete(Actor.SYSTEM, p.pk()))
                    .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.errors().get("non_field_errors"))
                            .singleElement().asString().contains("grafana"));
            assertThat(s.byPk(p.pk())).isPresent();

            used.clear();
            s.delete(Actor.SYSTEM, p.pk());
            assertThat(s.byPk(p.pk())).isEmpty();
            assertThat(events(db, "model_deleted")).hasSize(1);
            assertThatThrownBy(() -> s.delete(Actor.SYSTEM, p.pk())).isInstanceOf(NotFoundException.class);
        }
    }

    @ParameterizedTest
    @MethodSource(KINDS)
    void viewPrivateKeyThenPemAndSecretViewEventWithoutKey(String kind) {
        try (Database db = TestDatabases.open(kind)) {
            CertificateKeyPairService s = service(db);
            CertificateKeyPair p = s.importPem(Actor.SYSTEM, "viewed", KeyMaterialTest.certPem(KeyMaterialTest.EC),
                    KeyMaterialTest.keyPem(KeyMaterialTest.EC));
            CertificateKeyPair certOnly = s.importPem(Actor.SYSTEM, "cert-only",
                    KeyMaterialTest.certPem(KeyMaterialTest.RSA), null);

            String pem = s.viewPrivateKey(Actor.SYSTEM, p).orElseThrow();

            assertThat(pem).isEqualTo(KeyMaterialTest.keyPem(KeyMaterialTest.EC));
            assertThat(s.viewPrivateKey(Actor.SYSTEM, certOnly)).isEmpty();
            assertThat(s.privateKey(certOnly)).isEmpty();
            List<Event> views = events(db, "secret_view");
            assertThat(views).singleElement().satisfies(e -> {
                assertThat(e.context()).containsEntry("type", "private_key");
                assertThat(e.context().toString()).doesNotContain("PRIVATE KEY");
            });
            assertThatThrownBy(() -> new CertificateKeyPairService(db, new PrivateKeyCipher("other-secret")).privateKey(p))
                    .as("sealed under another SECRET_KEY").isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("SECRET_KEY");
        }
    }

    @ParameterizedTest
    @MethodSource(KINDS)
    void signingKeysThenOpenedOnceAndOnlyForPairsThatCanSign(String kind) throws Exception {
        try (Database db = TestDatabases.open(kind)) {
            CertificateKeyPairService s = service(db);
            CertificateKeyPair full = s.importPem(Actor.SYSTEM, "full", KeyMaterialTest.certPem(KeyMaterialTest.RSA),
                    KeyMaterialTest.keyPem(KeyMaterialTest.RSA));
            CertificateKeyPair certOnly = s.importPem(Actor.SYSTEM, "cert-only",
                    KeyMaterialTest.certPem(KeyMaterialTest.EC), null);
            SigningKeys keys = new SigningKeys(s);

            SigningKey key = keys.forKeyPair(full.pk()).orElseThrow();

            assertThat(keys.forKeyPair(full.pk())).containsSame(key);
            assertThat(keys.forKeyPair(certOnly.pk())).isEmpty();
            assertThat(keys.forKeyPair(UUID.randomUUID())).isEmpty();
            String jwt = key.sign(new com.nimbusds.jwt.JWTClaimsSet.Builder().subject("s").build());
            assertThat(com.nimbusds.jwt.SignedJWT.parse(jwt).verify(new com.nimbusds.jose.crypto.RSASSAVerifier(
                    (java.security.interfaces.RSAPublicKey) full.certificate().getPublicKey()))).isTrue();
            assertThat(events(db, "secret_view")).as("the server using a key is not a view").isEmpty();
        }
    }
}
