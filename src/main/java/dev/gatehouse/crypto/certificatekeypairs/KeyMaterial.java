package dev.gatehouse.crypto.certificatekeypairs;

import dev.gatehouse.core.Validation;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * A certificate chain (leaf first) and, optionally, the leaf's private key: what a pair is made of before
 * it is stored. {@link #parse} turns the API's PEM text into this, reporting problems per field the way
 * authentik does ({@code certificate_data}, {@code key_data}).
 */
public record KeyMaterial(List<X509Certificate> chain, PrivateKey privateKey) {

    public KeyMaterial {
        chain = List.copyOf(chain);
    }

    public X509Certificate leaf() {
        return chain.getFirst();
    }

    public CertificateDetails details() {
        return CertificateDetails.of(leaf());
    }

    /**
     * Parses a PEM certificate and an optional PEM private key (null or blank: certificate only), checks the
     * key type is supported and that the key belongs to the certificate. Errors go into {@code v}; the
     * result is null when there were any.
     */
    public static KeyMaterial parse(String certificatePem, String privateKeyPem, Validation v) {
        List<X509Certificate> chain;
        try {
            chain = Pem.certificates(certificatePem);
        } catch (IllegalArgumentException e) {
            v.error("certificate_data", "Unable to load certificate.");
            return null;
        }
        if (KeyType.of(chain.getFirst().getPublicKey()).isEmpty()) {
            v.error("certificate_data", "Unsupported key type " + chain.getFirst().getPublicKey().getAlgorithm()
                    + "; RSA, EC, Ed25519 and Ed448 keys are supported.");
            return null;
        }
        if (privateKeyPem == null || privateKeyPem.isBlank()) {
            return new KeyMaterial(chain, null);
        }
        PrivateKey key;
        try {
            key = Pem.privateKey(privateKeyPem);
        } catch (IllegalArgumentException e) {
            v.error("key_data", "Unable to load private key (possibly encrypted?).");
            return null;
        }
        KeyMaterial m = new KeyMaterial(chain, key);
        if (!m.keyMatchesCertificate()) {
            v.error("key_data", "The private key does not belong to the certificate.");
            return null;
        }
        return m;
    }

    /** Signs a fixed message with the private key and verifies it with the certificate's public key. */
    boolean keyMatchesCertificate() {
        KeyType type = KeyType.of(leaf().getPublicKey()).orElseThrow();
        byte[] message = "gatehouse certificate-key pair check".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        try {
            Signature signer = Signature.getInstance(type.signatureAlgorithm());
            signer.initSign(privateKey);
            signer.update(message);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(type.signatureAlgorithm());
            verifier.initVerify(leaf().getPublicKey());
            verifier.update(message);
            return verifier.verify(signature);
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }
}
