package dev.gatehouse.crypto;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** A private key with its certificate, as served on the HTTPS (and later LDAPS) listener. */
public record SelfSignedCertificate(PrivateKey privateKey, X509Certificate certificate) {

    /** Loads {@code <dir>/<name>.crt/.key} or, when absent, generates an RSA-2048 certificate there. */
    public static SelfSignedCertificate loadOrCreate(Path dir, String name, String commonName) throws IOException {
        Path crt = dir.resolve(name + ".crt");
        Path key = dir.resolve(name + ".key");
        if (Files.exists(crt) && Files.exists(key)) {
            return load(crt, key);
        }
        SelfSignedCertificate generated = generate(commonName, Duration.ofDays(365));
        Files.createDirectories(dir);
        Files.writeString(key, pem(generated.privateKey));
        try {
            Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException ignored) {
            // non-POSIX file system: nothing to tighten
        }
        Files.writeString(crt, pem(generated.certificate));
        return generated;
    }

    public static SelfSignedCertificate generate(String commonName, Duration validity) {
        try {
            KeyPairGenerator gen = KeyPairGenerator.getInstance("RSA");
            gen.initialize(2048);
            KeyPair pair = gen.generateKeyPair();
            X500Name subject = new X500Name("CN=" + commonName + ",O=gatehouse,OU=Self-signed");
            Instant now = Instant.now();
            JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject,
                    new BigInteger(64, new java.security.SecureRandom()), Date.from(now.minus(Duration.ofMinutes(5))),
                    Date.from(now.plus(validity)), subject, pair.getPublic());
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                new GeneralName(GeneralName.dNSName, commonName),
                new GeneralName(GeneralName.dNSName, "localhost"),
                new GeneralName(GeneralName.iPAddress, "127.0.0.1")}));
            X509CertificateHolder holder = builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(pair.getPrivate()));
            X509Certificate cert = new JcaX509CertificateConverter().getCertificate(holder);
            return new SelfSignedCertificate(pair.getPrivate(), cert);
        } catch (Exception e) {
            throw new IllegalStateException("cannot generate a self-signed certificate", e);
        }
    }

    public static SelfSignedCertificate load(Path crt, Path key) throws IOException {
        try (Reader cr = Files.newBufferedReader(crt); PEMParser cp = new PEMParser(cr);
             Reader kr = Files.newBufferedReader(key); PEMParser kp = new PEMParser(kr)) {
            Object c = cp.readObject();
            Object k = kp.readObject();
            if (!(c instanceof X509CertificateHolder holder)) {
                throw new IOException(crt + " holds no PEM certificate");
            }
            JcaPEMKeyConverter conv = new JcaPEMKeyConverter();
            PrivateKey pk = switch (k) {
                case PEMKeyPair kp2 -> conv.getKeyPair(kp2).getPrivate();
                case PrivateKeyInfo info -> conv.getPrivateKey(info);
                case null, default -> throw new IOException(key + " holds no PEM private key");
            };
            return new SelfSignedCertificate(pk, new JcaX509CertificateConverter().getCertificate(holder));
        } catch (java.security.cert.CertificateException e) {
            throw new IOException("cannot read certificate " + crt + ": " + e.getMessage(), e);
        }
    }

    public static String pem(Object object) throws IOException {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter w = new JcaPEMWriter(out)) {
            w.writeObject(object);
        }
        return out.toString();
    }
}
