package dev.gatehouse.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;

/**
 * Self-signed server certificates made by the real {@code openssl} for the SMTP test servers, and what a client needs
 * to trust one: a PKCS#12 trust store (the file {@code -Djavax.net.ssl.trustStore} names) or a socket factory over
 * it. GreenMail's own certificate names no host, so GreenMail's SMTPS serves {@link #loopback()} instead, through
 * its documented {@code greenmail.tls.keystore.file} property, set here before any GreenMail server starts.
 */
final class TestCertificates {
    static final String STORE_PASSWORD = "changeit";
    private static Pair loopback;

    /** A certificate and its key in PEM files, and a PKCS#12 trust store holding the certificate. */
    record Pair(Path cert, Path key, Path trustStore) {
        /** TLS client sockets that trust this certificate only. */
        SSLSocketFactory trusting() {
            try (InputStream in = Files.newInputStream(trustStore)) {
                KeyStore store = KeyStore.getInstance("PKCS12");
                store.load(in, STORE_PASSWORD.toCharArray());
                TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                tmf.init(store);
                SSLContext context = SSLContext.getInstance("TLS");
                context.init(null, tmf.getTrustManagers(), null);
                return context.getSocketFactory();
            } catch (IOException | GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }

        /** The JVM options that make a Gatehouse process trust this certificate. */
        String jvmOptions() {
            return "-Djavax.net.ssl.trustStore=" + trustStore + " -Djavax.net.ssl.trustStorePassword=" + STORE_PASSWORD
                    + " -Djavax.net.ssl.trustStoreType=PKCS12";
        }
    }

    private TestCertificates() {
    }

    /** For 127.0.0.1 and localhost; also GreenMail's SMTPS certificate. */
    static synchronized Pair loopback() {
        if (loopback == null) {
            try {
                Path dir = Files.createTempDirectory("gatehouse-mail-tls-");
                loopback = make(dir, "loopback", "subjectAltName=IP:127.0.0.1,DNS:localhost");
                Path p12 = dir.resolve("greenmail.p12");
                openssl(dir, "pkcs12", "-export", "-in", loopback.cert().toString(), "-inkey", loopback.key().toString(),
                        "-name", "greenmail", "-out", p12.toString(), "-passout", "pass:" + STORE_PASSWORD);
                System.setProperty("greenmail.tls.keystore.file", p12.toString());
                System.setProperty("greenmail.tls.keystore.password", STORE_PASSWORD);
                System.setProperty("greenmail.tls.key.password", STORE_PASSWORD);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return loopback;
    }

    /** A certificate for {@code san} (an openssl subjectAltName extension) in {@code dir}. */
    static Pair make(Path dir, String name, String san) throws IOException {
        Path cert = dir.resolve(name + ".crt");
        Path key = dir.resolve(name + ".key");
        openssl(dir, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=" + name,
                "-addext", san, "-keyout", key.toString(), "-out", cert.toString());
        Path trust = dir.resolve(name + "-trust.p12");
        try (InputStream in = Files.newInputStream(cert); OutputStream out = Files.newOutputStream(trust)) {
            Certificate c = CertificateFactory.getInstance("X.509").generateCertificate(in);
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setCertificateEntry(name, c);
            store.store(out, STORE_PASSWORD.toCharArray());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        return new Pair(cert, key, trust);
    }

    private static void openssl(Path dir, String... args) throws IOException {
        assertThat(Path.of("/usr/bin/openssl")).as("openssl (Debian package openssl)").isExecutable();
        List<String> command = new java.util.ArrayList<>(List.of("/usr/bin/openssl"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("openssl %s", args[0]).isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
        assertThat(p.exitValue()).as("openssl %s: %s", String.join(" ", args), output).isZero();
    }
}
