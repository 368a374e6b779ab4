package dev.gatehouse.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.crypto.certificatekeypairs.CertificateBuilder;
import dev.gatehouse.crypto.certificatekeypairs.KeyMaterial;
import dev.gatehouse.crypto.certificatekeypairs.KeyType;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The listener's TLS context serves its one key (RSA or EC) over TLS 1.2 and 1.3 to a client that trusts it. */
class ServerTlsContextTest {
    private static SSLContext trusting(X509Certificate cert) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("server", cert);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext client = SSLContext.getInstance("TLS");
        client.init(null, tmf.getTrustManagers(), null);
        return client;
    }

    @ParameterizedTest
    @CsvSource({"RSA,TLSv1.3", "RSA,TLSv1.2", "ECDSA,TLSv1.3", "ECDSA,TLSv1.2"})
    void handshakeServesTheOneKeyAndItsCertificate(KeyType type, String protocol) throws Exception {
        KeyMaterial m = CertificateBuilder.selfSigned(type, "localhost", List.of("localhost"), 30);
        SSLContext server = ServerTlsContext.of(m.privateKey(), m.chain().toArray(X509Certificate[]::new));
        try (SSLServerSocket listener = (SSLServerSocket) server.getServerSocketFactory().createServerSocket(0)) {
            listener.setEnabledProtocols(new String[] {protocol});
            CompletableFuture<Void> serving = CompletableFuture.runAsync(() -> {
                try (SSLSocket s = (SSLSocket) listener.accept(); OutputStream out = s.getOutputStream()) {
                    out.write("ok".getBytes());
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            try (SSLSocket client = (SSLSocket) trusting(m.chain().getFirst()).getSocketFactory()
                    .createSocket("localhost", listener.getLocalPort())) {
                client.setEnabledProtocols(new String[] {protocol});
                InputStream in = client.getInputStream();
                assertThat(new String(in.readAllBytes())).isEqualTo("ok");
                assertThat(client.getSession().getProtocol()).isEqualTo(protocol);
                assertThat(client.getSession().getPeerCertificates()[0]).isEqualTo(m.chain().getFirst());
            }
            serving.join();
        }
    }

    @ParameterizedTest
    @CsvSource({"RSA", "ECDSA"})
    void aClientThatDoesNotTrustTheCertificateIsRefused(KeyType type) throws Exception {
        KeyMaterial m = CertificateBuilder.selfSigned(type, "localhost", List.of("localhost"), 30);
        KeyMaterial other = CertificateBuilder.selfSigned(type, "localhost", List.of("localhost"), 30);
        SSLContext server = ServerTlsContext.of(m.privateKey(), m.chain().toArray(X509Certificate[]::new));
        try (SSLServerSocket listener = (SSLServerSocket) server.getServerSocketFactory().createServerSocket(0)) {
            CompletableFuture.runAsync(() -> {
                try (SSLSocket s = (SSLSocket) listener.accept()) {
                    s.startHandshake();
                } catch (Exception expected) {
                    // the client aborts the handshake
                }
            });
            try (SSLSocket client = (SSLSocket) trusting(other.chain().getFirst()).getSocketFactory()
                    .createSocket("localhost", listener.getLocalPort())) {
                assertThatThrownBy(client::startHandshake).isInstanceOf(SSLHandshakeException.class);
            }
        }
    }

    @ParameterizedTest
    @CsvSource({"RSA,RSA,true", "RSA,RSASSA-PSS,true", "RSA,EC,false", "ECDSA,EC,true", "ECDSA,RSA,false",
            "ECDSA,EC_EC,true"})
    void offersTheKeyOnlyForKeyTypesItCanServe(KeyType type, String keyType, boolean served) {
        KeyMaterial m = CertificateBuilder.selfSigned(type, "localhost", List.of(), 30);
        var manager = new ServerTlsContext.SingleKeyManager(m.privateKey(), m.chain().toArray(X509Certificate[]::new));
        assertThat(manager.chooseServerAlias(keyType, null, null) != null).isEqualTo(served);
        assertThat(manager.chooseClientAlias(new String[] {keyType}, null, null)).isNull();
    }
}
