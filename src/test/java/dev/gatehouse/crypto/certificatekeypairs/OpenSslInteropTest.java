package dev.gatehouse.crypto.certificatekeypairs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.gatehouse.core.Validation;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Keys and certificates made by the {@code openssl} command import here, and ours read back in openssl. */
class OpenSslInteropTest {
    @TempDir
    Path dir;

    @BeforeAll
    static void needsOpenssl() {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/openssl")), "openssl not installed");
    }

    private String openssl(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("/usr/bin/openssl"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(String.join(" ", cmd) + ": " + out).isZero();
        return out;
    }

    private KeyMaterial importFiles(String cert, String key) throws IOException {
        Validation v = new Validation();
        KeyMaterial m = KeyMaterial.parse(Files.readString(dir.resolve(cert)), Files.readString(dir.resolve(key)), v);
        v.throwIfInvalid();
        return m;
    }

    @Test
    void importWhenOpensslRsaTraditionalKeyThenAcceptedWithOpensslFingerprint() throws Exception {
        openssl("genrsa", "-traditional", "-out", "rsa.key", "2048");
        openssl("req", "-new", "-x509", "-key", "rsa.key", "-out", "rsa.crt", "-days", "3", "-subj", "/CN=openssl-rsa");
        assertThat(Files.readString(dir.resolve("rsa.key"))).contains("BEGIN RSA PRIVATE KEY");

        KeyMaterial m = importFiles("rsa.crt", "rsa.key");

        String fingerprint = openssl("x509", "-in", "rsa.crt", "-noout", "-fingerprint", "-sha256").trim();
        assertThat(fingerprint.substring(fingerprint.indexOf('=') + 1).toLowerCase(Locale.ROOT))
                .isEqualTo(m.details().fingerprintSha256());
        assertThat(m.details().subject()).isEqualTo("CN=openssl-rsa");
    }

    @Test
    void importWhenOpensslEcKeyWithParametersThenAccepted() throws Exception {
        openssl("ecparam", "-name", "prime256v1", "-genkey", "-out", "ec.key");
        openssl("req", "-new", "-x509", "-key", "ec.key", "-out", "ec.crt", "-days", "3", "-subj", "/CN=openssl-ec");
        assertThat(Files.readString(dir.resolve("ec.key"))).contains("BEGIN EC PARAMETERS").contains("BEGIN EC PRIVATE KEY");

        KeyMaterial m = importFiles("ec.crt", "ec.key");

        assertThat(m.details().keyType()).isEqualTo(KeyType.ECDSA);
        assertThat(SigningKey.of(m.chain(), m.privateKey()).algorithm().getName()).isEqualTo("ES256");
    }

    @Test
    void importWhenOpensslEd25519ThenAcceptedButNoJwk() throws Exception {
        openssl("genpkey", "-algorithm", "ed25519", "-out", "ed.key");
        openssl("req", "-new", "-x509", "-key", "ed.key", "-out", "ed.crt", "-days", "3", "-subj", "/CN=openssl-ed");

        KeyMaterial m = importFiles("ed.crt", "ed.key");

        assertThat(m.details().keyType()).isEqualTo(KeyType.ED25519);
        assertThat(Jwks.publicJwk(m.chain())).isEmpty();
    }

    @Test
    void generatedPairThenOpensslReadsCertificateAndKeyAndTheyMatch() throws Exception {
        KeyMaterial m = CertificateBuilder.selfSigned(KeyType.RSA, "gen.example.org", List.of("gen.example.org"), 5);
        Files.writeString(dir.resolve("gen.crt"), Pem.certificatesPem(m.chain()));
        Files.writeString(dir.resolve("gen.key"), Pem.privateKeyPem(m.privateKey()));

        String text = openssl("x509", "-in", "gen.crt", "-noout", "-text");
        assertThat(text).contains("CN = gen.example.org").contains("DNS:gen.example.org");
        assertThat(openssl("pkey", "-in", "gen.key", "-pubout"))
                .isEqualTo(openssl("x509", "-in", "gen.crt", "-noout", "-pubkey"));
    }
}
