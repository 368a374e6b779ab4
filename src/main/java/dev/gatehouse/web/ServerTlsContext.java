package dev.gatehouse.web;

import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * The HTTPS listener's TLS context: one key and its certificate chain, offered through a key manager that
 * holds them as they are. (Handing Helidon the key instead makes it build a PKCS#12 key store in memory,
 * which encrypts the key with PBKDF2 and decrypts it again: a quarter of a second of every start.)
 */
final class ServerTlsContext {
    private static final String ALIAS = "gatehouse";

    private ServerTlsContext() {
    }

    static SSLContext of(PrivateKey key, X509Certificate[] chain) {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(new KeyManager[] {new SingleKeyManager(key, chain)}, null, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot set up TLS", e);
        }
    }

    /** Offers the one key for the key types it can serve; a server never authenticates as a client. */
    static final class SingleKeyManager extends X509ExtendedKeyManager {
        private final PrivateKey key;
        private final X509Certificate[] chain;

        SingleKeyManager(PrivateKey key, X509Certificate[] chain) {
            this.key = key;
            this.chain = chain.clone();
        }

        boolean serves(String keyType) {
            String algorithm = key.getAlgorithm();
            return keyType != null && (keyType.equals(algorithm) || keyType.startsWith(algorithm + "_")
                    || (algorithm.equals("RSA") && keyType.equals("RSASSA-PSS")));
        }

        private String alias(String keyType) {
            return serves(keyType) ? ALIAS : null;
        }

        @Override
        public String[] getServerAliases(String keyType, Principal[] issuers) {
            return serves(keyType) ? new String[] {ALIAS} : null;
        }

        @Override
        public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
            return alias(keyType);
        }

        @Override
        public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
            return alias(keyType);
        }

        @Override
        public String[] getClientAliases(String keyType, Principal[] issuers) {
            return null;
        }

        @Override
        public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
            return null;
        }

        @Override
        public X509Certificate[] getCertificateChain(String alias) {
            return ALIAS.equals(alias) ? chain.clone() : null;
        }

        @Override
        public PrivateKey getPrivateKey(String alias) {
            return ALIAS.equals(alias) ? key : null;
        }
    }
}
