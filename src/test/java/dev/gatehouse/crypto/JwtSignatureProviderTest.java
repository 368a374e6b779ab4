package dev.gatehouse.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.gatehouse.crypto.certificatekeypairs.CertificateBuilder;
import dev.gatehouse.crypto.certificatekeypairs.KeyMaterial;
import dev.gatehouse.crypto.certificatekeypairs.KeyType;
import dev.gatehouse.crypto.certificatekeypairs.SigningKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * JWTs signed by the native provider (AWS-LC, on linux-x86_64 as here and in CI) verify with the JDK's own
 * provider, and the other way round; with {@code crypto.native} off, the JDK's provider signs.
 */
class JwtSignatureProviderTest {
    private static final JWTClaimsSet CLAIMS = new JWTClaimsSet.Builder().subject("u").issuer("i").build();

    @AfterEach
    void restore() {
        JwtSignatureProvider.configure(true);
    }

    private static void signedHereVerifiedByTheJdk(KeyMaterial m) throws Exception {
        SigningKey key = SigningKey.of(m.chain(), m.privateKey());
        SignedJWT jwt = SignedJWT.parse(key.sign(CLAIMS));
        boolean verified = switch (m.chain().getFirst().getPublicKey()) {
            case RSAPublicKey rsa -> jwt.verify(new RSASSAVerifier(new RSAKey.Builder(rsa).build()));
            case ECPublicKey ec -> jwt.verify(new ECDSAVerifier(new ECKey.Builder(
                    com.nimbusds.jose.jwk.Curve.forECParameterSpec(ec.getParams()), ec).build()));
            default -> throw new AssertionError();
        };
        assertThat(verified).as("verified by the JDK's provider").isTrue();
        assertThat(SignedJWT.parse(jwt.serialize()).verify(key.verifier())).as("and by the key itself").isTrue();
    }

    @Test
    void theNativeProviderSignsRs256AndEs256TokensTheJdkVerifies() throws Exception {
        String active = JwtSignatureProvider.configure(true);
        assertThat(active).startsWith("AmazonCorrettoCryptoProvider ").endsWith("(native)");
        for (KeyMaterial m : List.of(CertificateBuilder.selfSigned(KeyType.RSA, "rsa", List.of(), 1),
                CertificateBuilder.selfSigned(KeyType.ECDSA, "ec", List.of(), 1))) {
            assertThat(SigningKey.of(m.chain(), m.privateKey()).jcaProvider().getName())
                    .isEqualTo("AmazonCorrettoCryptoProvider");
            signedHereVerifiedByTheJdk(m);
        }
    }

    @Test
    void withNativeCryptoOffTheJdkProviderSigns() throws Exception {
        assertThat(JwtSignatureProvider.configure(false)).startsWith("JDK ");
        assertThat(JwtSignatureProvider.provider()).isEmpty();
        KeyMaterial m = CertificateBuilder.selfSigned(KeyType.RSA, "rsa", List.of(), 1);
        assertThat(SigningKey.of(m.chain(), m.privateKey()).jcaProvider()).isNull();
        signedHereVerifiedByTheJdk(m);
    }
}
