package dev.gatehouse.crypto.certificatekeypairs;

import java.math.BigInteger;
import java.net.InetAddress;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Self-signed certificates as authentik's {@code CertificateBuilder} makes them: subject
 * {@code CN=<common name>, O=gatehouse, OU=Self-signed}, valid from a day ago for the given days, the
 * subject alternative names as DNS names (IP literals as IP addresses). RSA-2048 with SHA256withRSA, or
 * EC P-256 with SHA256withECDSA (ES256).
 */
public final class CertificateBuilder {
    private static final SecureRandom RANDOM = new SecureRandom();

    private CertificateBuilder() {
    }

    /** {@code alg} is {@link KeyType#RSA} or {@link KeyType#ECDSA}. */
    public static KeyMaterial selfSigned(KeyType alg, String commonName, List<String> subjectAltNames,
                                         int validityDays) {
        try {
            KeyPair pair = generate(alg);
            X500Name subject = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, commonName)
                    .addRDN(BCStyle.O, "gatehouse").addRDN(BCStyle.OU, "Self-signed").build();
            Instant now = Instant.now();
            // RFC 5280 4.1.2.2: a positive serial of at most 20 octets
            JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject, new BigInteger(159, RANDOM),
                    Date.from(now.minus(Duration.ofDays(1))), Date.from(now.plus(Duration.ofDays(validityDays))),
                    subject, pair.getPublic());
            if (!subjectAltNames.isEmpty()) {
                GeneralName[] names = subjectAltNames.stream().map(CertificateBuilder::generalName)
                        .toArray(GeneralName[]::new);
                builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names));
            }
            String signature = alg == KeyType.RSA ? "SHA256withRSA" : "SHA256withECDSA";
            X509Certificate cert = new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder(signature).build(pair.getPrivate())));
            return new KeyMaterial(List.of(cert), pair.getPrivate());
        } catch (GeneralSecurityException | OperatorCreationException | java.io.IOException e) {
            throw new IllegalStateException("cannot generate a self-signed certificate", e);
        }
    }

    private static KeyPair generate(KeyType alg) throws GeneralSecurityException {
        return switch (alg) {
            case RSA -> {
                KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
                g.initialize(2048);
                yield g.generateKeyPair();
            }
            case ECDSA -> {
                KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
                g.initialize(new ECGenParameterSpec("secp256r1"));
                yield g.generateKeyPair();
            }
            default -> throw new IllegalArgumentException("cannot generate " + alg.wire() + " keys");
        };
    }

    /** An IP literal becomes an IP address name, anything else a DNS name (no name resolution happens). */
    static GeneralName generalName(String name) {
        if (isIpLiteral(name)) {
            return new GeneralName(GeneralName.iPAddress, name);
        }
        return new GeneralName(GeneralName.dNSName, name);
    }

    static boolean isIpLiteral(String name) {
        try {
            InetAddress.ofLiteral(name);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
