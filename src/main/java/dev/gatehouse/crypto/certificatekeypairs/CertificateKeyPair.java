package dev.gatehouse.crypto.certificatekeypairs;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * authentik's CertificateKeyPair: a PEM certificate (leaf first, then any chain), optionally with its
 * private key. The key is held only sealed ({@link PrivateKeyCipher}); {@link CertificateKeyPairService#privateKey}
 * opens it. The fingerprints, subject and validity are read from the certificate when the pair is written.
 */
public record CertificateKeyPair(UUID pk, String name, String certificateData, String sealedKey, KeyType keyType,
                                 String fingerprintSha256, String fingerprintSha1, String subject, Instant notBefore,
                                 Instant notAfter, String managed, Instant created) {

    public boolean privateKeyAvailable() {
        return sealedKey != null;
    }

    /** The certificates of {@link #certificateData}, leaf first. */
    public List<X509Certificate> chain() {
        return Pem.certificates(certificateData);
    }

    public X509Certificate certificate() {
        return chain().getFirst();
    }

    /** Never prints the sealed key. */
    @Override
    public String toString() {
        return "CertificateKeyPair[" + pk + ", " + name + ", " + keyType.wire() + ", " + fingerprintSha256 + "]";
    }
}
