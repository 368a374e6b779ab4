package dev.gatehouse.crypto.certificatekeypairs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** JWTs signed by a pair's key verify against the published JWKS; the JWKS carries public members only. */
class SigningKeyTest {
    private static final KeyMaterial RSA = KeyMaterialTest.RSA;
    private static final KeyMaterial EC = KeyMaterialTest.EC;
    /** RFC 7517/7518 private members: RSA (d, p, q, dp, dq, qi, oth), EC (d), symmetric (k). */
    private static final Set<String> PRIVATE_MEMBERS = Set.of("d", "p", "q", "dp", "dq", "qi", "oth", "k");

    private static JWTClaimsSet claims() {
        return new JWTClaimsSet.Builder().issuer("http://localhost:9000/application/o/app/").subject("user-1")
                .audience("client-1").issueTime(new Date()).expirationTime(Date.from(Instant.now().plusSeconds(60)))
                .claim("nonce", "n-0S6_WzA2Mj").build();
    }

    /** What a relying party does: fetch the JWKS document, select the key by kid and alg, verify. */
    private static JWTClaimsSet verifyWithJwks(String jwt, Map<String, Object> jwksDocument, JWSAlgorithm expected)
            throws Exception {
        JWKSet published = JWKSet.parse(jwksDocument);
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(expected, new ImmutableJWKSet<>(published)));
        return processor.process(jwt, null);
    }

    private static List<CertificateKeyPair> pairs() {
        return List.of(pair("rsa", RSA), pair("ec", EC));
    }

    static CertificateKeyPair pair(String name, KeyMaterial m) {
        CertificateDetails d = m.details();
        return new CertificateKeyPair(java.util.UUID.randomUUID(), name, Pem.certificatesPem(m.chain()), "v1:sealed",
                d.keyType(), d.fingerprintSha256(), d.fingerprintSha1(), d.subject(), d.notBefore(), d.notAfter(), null,
                Instant.now());
    }

    @Test
    void signWithRsaPairThenRs256VerifiesWithPublishedJwks() throws Exception {
        SigningKey key = SigningKey.of(pairs().get(0), RSA.privateKey());

        String jwt = key.sign(claims());

        SignedJWT parsed = SignedJWT.parse(jwt);
        assertThat(parsed.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.RS256);
        assertThat(parsed.getHeader().getKeyID()).isEqualTo(key.kid()).isNotBlank();
        assertThat(parsed.getHeader().getType().getType()).isEqualTo("JWT");
        JWTClaimsSet verified = verifyWithJwks(jwt, Jwks.document(pairs()), JWSAlgorithm.RS256);
        assertThat(verified.getSubject()).isEqualTo("user-1");
        assertThat(verified.getStringClaim("nonce")).isEqualTo("n-0S6_WzA2Mj");
    }

    @Test
    void signWithEcPairThenEs256VerifiesWithPublishedJwks() throws Exception {
        SigningKey key = SigningKey.of(pairs().get(1), EC.privateKey());

        String jwt = key.sign(claims());

        assertThat(key.algorithm()).isEqualTo(JWSAlgorithm.ES256);
        assertThat(SignedJWT.parse(jwt).getHeader().getKeyID()).isEqualTo(key.kid());
        assertThat(verifyWithJwks(jwt, Jwks.document(pairs()), JWSAlgorithm.ES256).getAudience())
                .containsExactly("client-1");
    }

    @Test
    void verifyWhenSignedByAnotherKeyWithSameKidSetThenRejected() {
        KeyMaterial other = CertificateBuilder.selfSigned(KeyType.RSA, "other", List.of(), 1);
        String forged = SigningKey.of(other.chain(), other.privateKey()).sign(claims());

        assertThatThrownBy(() -> verifyWithJwks(forged, Jwks.document(pairs()), JWSAlgorithm.RS256))
                .isInstanceOf(BadJOSEException.class);
    }

    @Test
    void jwksThenPublicMembersOnlyWithPinnedAlgUseAndStableKid() {
        Map<String, Object> doc = Jwks.document(pairs());

        @SuppressWarnings("unchecked")
        List<Map<String, Object>> keys = (List<Map<String, Object>>) doc.get("keys");
        assertThat(keys).hasSize(2);
        for (Map<String, Object> k : keys) {
            assertThat(k.keySet()).doesNotContainAnyElementsOf(PRIVATE_MEMBERS);
            assertThat(k).containsEntry("use", "sig").containsKeys("kid", "alg", "x5c", "x5t#S256");
        }
        assertThat(keys).extracting(k -> k.get("alg")).containsExactly("RS256", "ES256");
        assertThat(keys).extracting(k -> k.get("kty")).containsExactly("RSA", "EC");
        assertThat(keys.get(1)).containsEntry("crv", "P-256");
        assertThat(com.nimbusds.jose.util.JSONObjectUtils.toJSONString(doc)).doesNotContain("\"d\"");
        assertThat(Jwks.document(pairs())).isEqualTo(doc);
        JWK rsa = Jwks.publicJwk(pairs().get(0)).orElseThrow();
        assertThat(rsa.isPrivate()).isFalse();
        assertThat(rsa.getKeyUse()).isEqualTo(KeyUse.SIGNATURE);
        assertThat(keys.get(0)).containsEntry("kid", SigningKey.of(pairs().get(0), RSA.privateKey()).kid());
    }

    @Test
    void hs256WithSecretThenVerifiesWithSameSecretOnly() throws Exception {
        String secret = "client-secret-".repeat(4);
        SigningKey key = SigningKey.hs256(secret);

        SignedJWT jwt = SignedJWT.parse(key.sign(claims()));

        assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.HS256);
        assertThat(jwt.getHeader().getKeyID()).isNull();
        assertThat(key.publicJwk()).isEmpty();
        assertThat(jwt.verify(new com.nimbusds.jose.crypto.MACVerifier(secret))).isTrue();
        assertThat(jwt.verify(new com.nimbusds.jose.crypto.MACVerifier("another-secret-".repeat(4)))).isFalse();
        assertThatThrownBy(() -> SigningKey.hs256("short")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void signingKeyVerifierAcceptsOwnTokens() throws Exception {
        SigningKey key = SigningKey.of(pairs().get(0), RSA.privateKey());

        assertThat(SignedJWT.parse(key.sign(claims())).verify(key.verifier())).isTrue();
        assertThat(key.publicJwk()).isPresent();
    }
}
