package dev.gatehouse.crypto.certificatekeypairs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.core.Validation;
import dev.gatehouse.core.errors.ValidationException;
import dev.gatehouse.crypto.SelfSignedCertificate;
import java.io.IOException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
import org.junit.jupiter.api.Test;

/** PEM import: what parses, what is refused, and with which field error. */
class KeyMaterialTest {
    static final KeyMaterial RSA = CertificateBuilder.selfSigned(KeyType.RSA, "rsa.example.org",
            List.of("rsa.example.org", "127.0.0.1"), 30);
    static final KeyMaterial EC = CertificateBuilder.selfSigned(KeyType.ECDSA, "ec.example.org", List.of(), 30);

    private static Map<String, List<String>> errors(String cert, String key) {
        Validation v = new Validation();
        KeyMaterial m = KeyMaterial.parse(cert, key, v);
        try {
            v.throwIfInvalid();
        } catch (ValidationException e) {
            assertThat(m).isNull();
            return e.errors();
        }
        return Map.of();
    }

    private static KeyMaterial parse(String cert, String key) {
        Validation v = new Validation();
        KeyMaterial m = KeyMaterial.parse(cert, key, v);
        v.throwIfInvalid();
        return m;
    }

    static String certPem(KeyMaterial m) {
        return Pem.certificatesPem(m.chain());
    }

    static String keyPem(KeyMaterial m) {
        return Pem.privateKeyPem(m.privateKey());
    }

    @Test
    void parseWhenPkcs8KeyMatchesThenMaterialWithDetails() {
        KeyMaterial m = parse("some text before\n" + certPem(RSA) + "and after", keyPem(RSA));

        assertThat(m.leaf()).isEqualTo(RSA.leaf());
        assertThat(m.privateKey().getEncoded()).isEqualTo(RSA.privateKey().getEncoded());
        CertificateDetails d = m.details();
        assertThat(d.keyType()).isEqualTo(KeyType.RSA);
        assertThat(d.fingerprintSha256()).matches("([0-9a-f]{2}:){31}[0-9a-f]{2}");
        assertThat(d.fingerprintSha1()).matches("([0-9a-f]{2}:){19}[0-9a-f]{2}");
        assertThat(d.subject()).contains("CN=rsa.example.org").contains("O=gatehouse");
        assertThat(d.notAfter()).isAfter(d.notBefore());
    }

    @Test
    void parseWhenTraditionalOpenSslKeysThenAccepted() throws IOException {
        String rsaPkcs1 = SelfSignedCertificate.pem(RSA.privateKey());
        String ecSec1 = sec1(EC);
        assertThat(rsaPkcs1).contains("BEGIN RSA PRIVATE KEY");
        assertThat(ecSec1).contains("BEGIN EC PRIVATE KEY");

        assertThat(parse(certPem(RSA), rsaPkcs1).privateKey().getAlgorithm()).isEqualTo("RSA");
        KeyMaterial ec = parse(certPem(EC), ecSec1);
        assertThat(ec.privateKey().getAlgorithm()).isIn("EC", "ECDSA");
        assertThat(ec.details().keyType()).isEqualTo(KeyType.ECDSA);
    }

    /** RFC 5915 ECPrivateKey with its named curve, as {@code openssl ecparam -genkey} writes it. */
    private static String sec1(KeyMaterial m) throws IOException {
        var key = (java.security.interfaces.ECPrivateKey) m.privateKey();
        var der = new org.bouncycastle.asn1.sec.ECPrivateKey(256, key.getS(),
                new org.bouncycastle.asn1.x9.X962Parameters(org.bouncycastle.asn1.sec.SECObjectIdentifiers.secp256r1))
                .getEncoded();
        return "-----BEGIN EC PARAMETERS-----\nBggqhkjOPQMBBw==\n-----END EC PARAMETERS-----\n"
                + "-----BEGIN EC PRIVATE KEY-----\n" + java.util.Base64.getMimeEncoder().encodeToString(der)
                + "\n-----END EC PRIVATE KEY-----\n";
    }

    @Test
    void parseWhenNoKeyThenCertificateOnly() {
        assertThat(parse(certPem(EC), null).privateKey()).isNull();
        assertThat(parse(certPem(EC), "  ").privateKey()).isNull();
    }

    @Test
    void parseWhenChainThenLeafFirstAndAllKept() {
        KeyMaterial m = parse(certPem(RSA) + certPem(EC), keyPem(RSA));

        assertThat(m.chain()).extracting(X509Certificate::getSubjectX500Principal)
                .containsExactly(RSA.leaf().getSubjectX500Principal(), EC.leaf().getSubjectX500Principal());
    }

    @Test
    void parseWhenKeyOfAnotherCertificateThenKeyDataError() {
        KeyMaterial other = CertificateBuilder.selfSigned(KeyType.RSA, "other", List.of(), 1);

        assertThat(errors(certPem(RSA), keyPem(other)))
                .containsEntry("key_data", List.of("The private key does not belong to the certificate."));
        assertThat(errors(certPem(RSA), keyPem(EC))).containsKey("key_data");
    }

    @Test
    void parseWhenGarbageThenFieldErrors() {
        assertThat(errors("not a certificate", null))
                .containsEntry("certificate_data", List.of("Unable to load certificate."));
        assertThat(errors("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n", null))
                .containsEntry("certificate_data", List.of("Unable to load certificate."));
        assertThat(errors(certPem(RSA), "garbage"))
                .containsEntry("key_data", List.of("Unable to load private key (possibly encrypted?)."));
        assertThat(errors(certPem(RSA), "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n"))
                .containsKey("key_data");
        assertThat(errors(certPem(RSA), certPem(RSA))).containsKey("key_data");
    }

    @Test
    void parseWhenEncryptedKeyThenKeyDataError() throws Exception {
        var encryptor = new JceOpenSSLPKCS8EncryptorBuilder(JcaPKCS8Generator.AES_256_CBC)
                .setProvider(new org.bouncycastle.jce.provider.BouncyCastleProvider()).setPassword("pw".toCharArray()).build();
        String encrypted = SelfSignedCertificate.pem(new JcaPKCS8Generator(RSA.privateKey(), encryptor));
        assertThat(encrypted).contains("ENCRYPTED PRIVATE KEY");

        assertThat(errors(certPem(RSA), encrypted))
                .containsEntry("key_data", List.of("Unable to load private key (possibly encrypted?)."));
    }
}
