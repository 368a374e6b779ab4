package dev.gatehouse.crypto;

import dev.gatehouse.config.PrivateFiles;
import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
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
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** A private key with its certificate, as served on the HTTPS (and later LDAPS) listener. */
public record SelfSignedCertificate(PrivateKey privateKey, X509Certificate certificate) {

    /**
     * Loads {@code <dir>/<name>.crt/.key} or, when absent, generates an RSA-2048 certificate there: the directory
     * 0700, both files 0600 from their creation ({@link PrivateFiles}).
     */
    public static SelfSignedCertificate loadOrCreate(Path dir, String name, String commonName) throws IOException {
        Path crt = dir.resolve(name + ".crt");
        Path key = dir.resolve(name + ".key");
        if (Files.exists(crt) && Files.exists(key)) {
            return load(crt, key);
        }
        SelfSignedCertificate generated = generate(commonName, Duration.ofDays(365));
        PrivateFiles.directory(dir);
        PrivateFiles.write(key, pkcs8Pem(generated.privateKey));
        PrivateFiles.write(crt, pem(generated.certificate));
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

    /**
     * Reads a PEM certificate and a PKCS#8 PEM private key with the JDK alone (no BouncyCastle on the
     * start-up path once the files exist).
     */
    public static SelfSignedCertificate load(Path crt, Path key) throws IOException {
        X509Certificate cert;
        try (java.io.InputStream in = Files.newInputStream(crt)) {
            cert = (X509Certificate) java.security.cert.CertificateFactory.getInstance("X.509").generateCertificate(in);
        } catch (java.security.cert.CertificateException | ClassCastException e) {
            throw new IOException("cannot read certificate " + crt + ": " + e.getMessage(), e);
        }
        String text = Files.readString(key);
        int begin = text.indexOf("-----BEGIN PRIVATE KEY-----");
        int end = text.indexOf("-----END PRIVATE KEY-----");
        if (begin < 0 || end < begin) {
            throw new IOException(key + " holds no PKCS#8 PEM private key (BEGIN PRIVATE KEY)");
        }
        byte[] der = java.util.Base64.getMimeDecoder().decode(text.substring(begin + 27, end));
        java.security.spec.PKCS8EncodedKeySpec spec = new java.security.spec.PKCS8EncodedKeySpec(der);
        String algorithm = cert.getPublicKey().getAlgorithm();
        try {
            return new SelfSignedCertificate(java.security.KeyFactory.getInstance(algorithm).generatePrivate(spec), cert);
        } catch (java.security.GeneralSecurityException e) {
            throw new IOException("cannot read private key " + key + ": " + e.getMessage(), e);
        }
    }

    /** PKCS#8 PEM of a private key ({@code BEGIN PRIVATE KEY}). */
    public static String pkcs8Pem(PrivateKey key) {
        return "-----BEGIN PRIVATE KEY-----\n"
                + java.util.Base64.getMimeEncoder(64, "\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII))
                        .encodeToString(key.getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
    }

    public static String pem(Object object) throws IOException {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter w = new JcaPEMWriter(out)) {
            w.writeObject(object);
        }
        return out.toString();
    }
}
