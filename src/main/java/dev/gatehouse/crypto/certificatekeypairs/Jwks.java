package dev.gatehouse.crypto.certificatekeypairs;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.Base64;
import com.nimbusds.jose.util.Base64URL;
import dev.gatehouse.crypto.Secrets;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Public JSON Web Keys (RFC 7517) of certificate-key pairs, for {@code /application/o/<slug>/jwks/}. Built
 * from the certificate alone, so they never carry private members. Each key has {@code use=sig}, its
 * {@code alg} pinned (RS256 for RSA; ES256/ES384/ES512 for EC P-256/P-384/P-521), {@code kid} = the RFC 7638
 * SHA-256 thumbprint (stable, derived from the public key only), {@code x5c} and {@code x5t#S256}.
 * Ed25519/Ed448 pairs have no JWK here.
 */
public final class Jwks {
    private Jwks() {
    }

    public static Optional<JWK> publicJwk(CertificateKeyPair pair) {
        return publicJwk(pair.chain());
    }

    public static Optional<JWK> publicJwk(List<X509Certificate> chain) {
        X509Certificate leaf = chain.getFirst();
        List<Base64> x5c = new ArrayList<>();
        Base64URL thumbprint;
        try {
            for (X509Certificate c : chain) {
                x5c.add(Base64.encode(c.getEncoded()));
            }
            thumbprint = Base64URL.encode(Secrets.sha256(leaf.getEncoded()));
        } catch (CertificateEncodingException e) {
            throw new IllegalArgumentException("certificate cannot be encoded", e);
        }
        try {
            return switch (leaf.getPublicKey()) {
                case RSAPublicKey k -> Optional.of(new RSAKey.Builder(k).keyUse(KeyUse.SIGNATURE)
                        .algorithm(JWSAlgorithm.RS256).x509CertChain(x5c).x509CertSHA256Thumbprint(thumbprint)
                        .keyIDFromThumbprint().build());
                case ECPublicKey k -> {
                    Curve curve = Curve.forECParameterSpec(k.getParams());
                    JWSAlgorithm alg = curve == null ? null : ecAlgorithm(curve);
                    yield alg == null ? Optional.empty() : Optional.of(new ECKey.Builder(curve, k)
                            .keyUse(KeyUse.SIGNATURE).algorithm(alg).x509CertChain(x5c)
                            .x509CertSHA256Thumbprint(thumbprint).keyIDFromThumbprint().build());
                }
                default -> Optional.empty();
            };
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot compute the JWK thumbprint", e);
        }
    }

    /** RFC 7518 3.4: the curve fixes the ECDSA algorithm. */
    private static JWSAlgorithm ecAlgorithm(Curve curve) {
        if (Curve.P_256.equals(curve)) {
            return JWSAlgorithm.ES256;
        }
        if (Curve.P_384.equals(curve)) {
            return JWSAlgorithm.ES384;
        }
        return Curve.P_521.equals(curve) ? JWSAlgorithm.ES512 : null;
    }

    /** The public JWK set of the pairs that have a JWK form (others are left out). */
    public static JWKSet publicSet(Collection<CertificateKeyPair> pairs) {
        List<JWK> keys = new ArrayList<>();
        for (CertificateKeyPair p : pairs) {
            publicJwk(p).ifPresent(keys::add);
        }
        return new JWKSet(keys);
    }

    /** The JWK set document ({@code {"keys": [...]}}), public members only, ready to serialise as JSON. */
    public static Map<String, Object> document(Collection<CertificateKeyPair> pairs) {
        return publicSet(pairs).toJSONObject(true);
    }
}
