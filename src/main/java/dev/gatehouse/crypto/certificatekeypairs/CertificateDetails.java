package dev.gatehouse.crypto.certificatekeypairs;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.HexFormat;
import javax.security.auth.x500.X500Principal;

/**
 * What the API shows about a certificate: authentik's fingerprints (lower-case hex, colon-separated, of the
 * DER encoding), subject (RFC 4514 string) and validity.
 */
public record CertificateDetails(KeyType keyType, String fingerprintSha256, String fingerprintSha1, String subject,
                                 Instant notBefore, Instant notAfter) {
    private static final HexFormat COLONS = HexFormat.ofDelimiter(":");

    /** The details of a certificate whose key type is supported (see {@link KeyType#of}). */
    public static CertificateDetails of(X509Certificate c) {
        KeyType type = KeyType.of(c.getPublicKey()).orElseThrow(() ->
                new IllegalArgumentException("unsupported key type " + c.getPublicKey().getAlgorithm()));
        byte[] der;
        try {
            der = c.getEncoded();
        } catch (CertificateEncodingException e) {
            throw new IllegalArgumentException("certificate cannot be encoded", e);
        }
        return new CertificateDetails(type, fingerprint("SHA-256", der), fingerprint("SHA-1", der),
                c.getSubjectX500Principal().getName(X500Principal.RFC2253), c.getNotBefore().toInstant(),
                c.getNotAfter().toInstant());
    }

    private static String fingerprint(String algorithm, byte[] der) {
        try {
            return COLONS.formatHex(MessageDigest.getInstance(algorithm).digest(der));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " missing from the JDK", e);
        }
    }
}
