package dev.gatehouse.crypto.certificatekeypairs;

import dev.gatehouse.crypto.SelfSignedCertificate;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;

/**
 * PEM in and out (RFC 7468). Certificates: every {@code BEGIN CERTIFICATE} block, leaf first; text around
 * the blocks is ignored. Private keys: PKCS#8 ({@code BEGIN PRIVATE KEY}) and the traditional OpenSSL forms
 * ({@code BEGIN RSA PRIVATE KEY}, {@code BEGIN EC PRIVATE KEY}); encrypted keys are refused. Invalid input is
 * an {@link IllegalArgumentException}.
 */
public final class Pem {
    /** More certificates than a sane chain holds is refused. */
    public static final int MAX_CHAIN = 10;
    private static final Pattern CERTIFICATE = Pattern.compile(
            "-----BEGIN CERTIFICATE-----([A-Za-z0-9+/=\\s]+?)-----END CERTIFICATE-----");
    private static final Base64.Encoder MIME = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII));

    private Pem() {
    }

    public static List<X509Certificate> certificates(String pem) {
        if (pem == null) {
            throw new IllegalArgumentException("no certificate");
        }
        List<X509Certificate> out = new ArrayList<>();
        Matcher m = CERTIFICATE.matcher(pem);
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            while (m.find()) {
                if (out.size() == MAX_CHAIN) {
                    throw new IllegalArgumentException("more than " + MAX_CHAIN + " certificates");
                }
                byte[] der = Base64.getMimeDecoder().decode(m.group(1));
                out.add((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(der)));
            }
        } catch (CertificateException | ClassCastException e) {
            throw new IllegalArgumentException("not an X.509 certificate: " + e.getMessage(), e);
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("no BEGIN CERTIFICATE block");
        }
        return List.copyOf(out);
    }

    public static PrivateKey privateKey(String pem) {
        if (pem == null) {
            throw new IllegalArgumentException("no private key");
        }
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            for (Object o = parser.readObject(); o != null; o = parser.readObject()) {
                switch (o) {
                    case PrivateKeyInfo info -> {
                        return jdkKey(info);
                    }
                    case PEMKeyPair pair -> {
                        return jdkKey(pair.getPrivateKeyInfo());
                    }
                    default -> {
                        // EC PARAMETERS before an EC key, or an encrypted key (refused below)
                    }
                }
            }
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            throw new IllegalArgumentException("not a private key: " + e.getMessage(), e);
        }
        throw new IllegalArgumentException("no unencrypted private key block");
    }

    /**
     * The key through the JDK's own key factories (BouncyCastle only parses the PEM; it is not installed as a
     * provider, and its converter would ask for an "ECDSA" key factory the JDK does not have).
     */
    private static PrivateKey jdkKey(PrivateKeyInfo info) throws IOException, GeneralSecurityException {
        String oid = info.getPrivateKeyAlgorithm().getAlgorithm().getId();
        String algorithm = switch (oid) {
            case "1.2.840.113549.1.1.1" -> "RSA";
            case "1.2.840.10045.2.1" -> "EC";
            case "1.3.101.112" -> "Ed25519";
            case "1.3.101.113" -> "Ed448";
            default -> throw new IllegalArgumentException("unsupported private key algorithm " + oid);
        };
        return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(info.getEncoded()));
    }

    /** The certificates as PEM blocks, in order. */
    public static String certificatesPem(List<X509Certificate> chain) {
        StringBuilder out = new StringBuilder();
        for (X509Certificate c : chain) {
            try {
                out.append("-----BEGIN CERTIFICATE-----\n").append(MIME.encodeToString(c.getEncoded()))
                        .append("\n-----END CERTIFICATE-----\n");
            } catch (CertificateEncodingException e) {
                throw new IllegalArgumentException("certificate cannot be encoded", e);
            }
        }
        return out.toString();
    }

    /** PKCS#8 PEM ({@code BEGIN PRIVATE KEY}). */
    public static String privateKeyPem(PrivateKey key) {
        return SelfSignedCertificate.pkcs8Pem(key);
    }
}
