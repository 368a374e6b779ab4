package dev.gatehouse.provider.ldap;

import dev.gatehouse.crypto.SelfSignedCertificate;
import dev.gatehouse.crypto.certificatekeypairs.CertificateKeyPair;
import dev.gatehouse.crypto.certificatekeypairs.CertificateKeyPairService;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * The certificate LDAPS and StartTLS present: the certificate-key pair of the first served provider (lowest pk)
 * that names one, else a self-signed certificate generated once into the data directory ({@code certs/ldap.crt}).
 * One listener has one certificate; {@link #identity} says which, so a change restarts the listeners.
 */
final class LdapTls {
    private LdapTls() {
    }

    /** The pk of the pair in use, or "generated". */
    static String identity(List<LdapProvider> served) {
        return served.stream().filter(p -> p.certificate() != null).findFirst()
                .map(p -> p.certificate().toString()).orElse("generated");
    }

    static SSLContext context(List<LdapProvider> served, CertificateKeyPairService keyPairs, Path dataDir) {
        try {
            Optional<CertificateKeyPair> pair = served.stream().filter(p -> p.certificate() != null).findFirst()
                    .flatMap(p -> keyPairs.byPk(p.certificate()));
            PrivateKey key;
            X509Certificate[] chain;
            if (pair.isPresent() && keyPairs.privateKey(pair.get()).isPresent()) {
                key = keyPairs.privateKey(pair.get()).orElseThrow();
                chain = pair.get().chain().toArray(X509Certificate[]::new);
            } else {
                SelfSignedCertificate generated = SelfSignedCertificate.loadOrCreate(dataDir.resolve("certs"), "ldap",
                        "gatehouse-ldap");
                key = generated.privateKey();
                chain = new X509Certificate[] {generated.certificate()};
            }
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            char[] password = "ldap".toCharArray();
            store.setKeyEntry("ldap", key, password, chain);
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(store, password);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(kmf.getKeyManagers(), null, null);
            return ctx;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load or create the LDAP certificate", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot set up TLS for LDAP", e);
        }
    }
}
