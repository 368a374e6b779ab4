package dev.gatehouse.crypto.certificatekeypairs;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.KeyLengthException;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;

/**
 * One key that signs JWTs (RFC 7515/7519) with its algorithm pinned: RS256 for an RSA pair, ES256/384/512
 * for an EC pair (by curve), or HS256 with a shared secret (providers without a key; the secret is the
 * client secret). Header: {@code alg}, {@code typ=JWT}, and {@code kid} (the public JWK's thumbprint) for
 * asymmetric keys. Immutable and thread-safe: build once per key and reuse.
 */
public final class SigningKey {
    private final JWSAlgorithm algorithm;
    private final String kid;
    private final JWK publicJwk;
    private final JWSSigner signer;
    private final JWSVerifier verifier;

    private SigningKey(JWSAlgorithm algorithm, String kid, JWK publicJwk, JWSSigner signer, JWSVerifier verifier) {
        this.algorithm = algorithm;
        this.kid = kid;
        this.publicJwk = publicJwk;
        this.signer = signer;
        this.verifier = verifier;
    }

    /** True when the pair has a private key of a kind that can sign JWTs here (RSA, EC P-256/384/521). */
    public static boolean canSign(CertificateKeyPair pair) {
        return pair.privateKeyAvailable() && Jwks.publicJwk(pair).isPresent();
    }

    /** The pair's key; {@code key} comes from {@link CertificateKeyPairService#privateKey}. */
    public static SigningKey of(CertificateKeyPair pair, PrivateKey key) {
        return of(pair.chain(), key);
    }

    public static SigningKey of(List<X509Certificate> chain, PrivateKey key) {
        JWK pub = Jwks.publicJwk(chain).orElseThrow(() -> new IllegalArgumentException(
                chain.getFirst().getPublicKey().getAlgorithm() + " keys cannot sign JWTs; use RSA or EC (P-256)"));
        JWSAlgorithm alg = JWSAlgorithm.parse(pub.getAlgorithm().getName());
        try {
            SigningKey k = switch (pub) {
                case RSAKey rsa -> new SigningKey(alg, pub.getKeyID(), pub,
                        new RSASSASigner(new RSAKey.Builder(rsa).privateKey(key).build()), new RSASSAVerifier(rsa));
                case ECKey ec -> new SigningKey(alg, pub.getKeyID(), pub,
                        new ECDSASigner(new ECKey.Builder(ec).privateKey(key).build()), new ECDSAVerifier(ec));
                default -> throw new IllegalArgumentException("unsupported JWK " + pub.getKeyType());
            };
            dev.gatehouse.crypto.JwtSignatureProvider.provider().ifPresent(p -> {
                k.signer.getJCAContext().setProvider(p);
                k.verifier.getJCAContext().setProvider(p);
            });
            return k;
        } catch (JOSEException e) {
            throw new IllegalArgumentException("key cannot sign JWTs: " + e.getMessage(), e);
        }
    }

    /** HS256 with a shared secret of at least 32 bytes (RFC 7518 3.2). */
    public static SigningKey hs256(String secret) {
        byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
        try {
            return new SigningKey(JWSAlgorithm.HS256, null, null, new MACSigner(bytes), new MACVerifier(bytes));
        } catch (KeyLengthException e) {
            throw new IllegalArgumentException("an HS256 secret needs at least 32 bytes", e);
        } catch (JOSEException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    /** The JCA provider that makes this key's signatures: the native one, or null for the JDK's default. */
    public java.security.Provider jcaProvider() {
        return signer.getJCAContext().getProvider();
    }

    public JWSAlgorithm algorithm() {
        return algorithm;
    }

    /** The {@code kid} put in headers and the JWKS; null for HS256. */
    public String kid() {
        return kid;
    }

    /** The public JWK to publish; empty for HS256 (a shared secret is never published). */
    public Optional<JWK> publicJwk() {
        return Optional.ofNullable(publicJwk);
    }

    /** The compact serialisation of the signed claims. */
    public String sign(JWTClaimsSet claims) {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(algorithm).type(JOSEObjectType.JWT).keyID(kid).build(),
                claims);
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException("JWT signing failed", e);
        }
        return jwt.serialize();
    }

    /** A verifier for tokens this key signed (introspection, tests); callers still check {@code alg}. */
    public JWSVerifier verifier() {
        return verifier;
    }
}
