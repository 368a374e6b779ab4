package dev.gatehouse.crypto;

import com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider;
import java.security.GeneralSecurityException;
import java.security.Provider;
import java.security.Signature;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Which JCA provider signs and verifies JWTs: Amazon Corretto Crypto Provider (AWS-LC, native code for
 * linux-x86_64) when {@code crypto.native} allows it and its library loads and passes its self-test, else the JDK's
 * own. Only JWT signatures use it ({@code SigningKey}); TLS, hashing and everything else keep the JDK's providers.
 * The choice is made once per process, at start-up, and logged; {@code /-/metrics/} shows it.
 */
public final class JwtSignatureProvider {
    private static final Logger LOG = Logger.getLogger(JwtSignatureProvider.class.getName());
    private static volatile Provider provider;
    private static volatile String description = jdk();

    private JwtSignatureProvider() {
    }

    /**
     * Chooses the provider: the native one when {@code nativeAllowed} and it loads, else the JDK's. A failure to
     * load is a warning, never an error: the JDK's provider signs the same tokens, more slowly.
     */
    public static synchronized String configure(boolean nativeAllowed) {
        if (!nativeAllowed) {
            provider = null;
            description = jdk();
            return description;
        }
        try {
            AmazonCorrettoCryptoProvider accp = AmazonCorrettoCryptoProvider.INSTANCE;
            if (accp.getLoadingError() != null) {
                throw accp.getLoadingError();
            }
            accp.assertHealthy();
            provider = accp;
            description = accp.getName() + " " + accp.getVersionStr() + " (native)";
        } catch (Throwable t) { // LinkageError, IllegalCallerException, RuntimeCryptoException: all mean "not here"
            provider = null;
            description = jdk();
            LOG.warning("native JWT signatures unavailable (" + t + "); using " + description);
        }
        return description;
    }

    /** The provider to hand Nimbus, or empty for the JDK's default. */
    public static Optional<Provider> provider() {
        return Optional.ofNullable(provider);
    }

    /** What signs JWTs, for the start log and the metrics: "AmazonCorrettoCryptoProvider 2.5.0 (native)". */
    public static String active() {
        return description;
    }

    private static String jdk() {
        try {
            return "JDK " + Signature.getInstance("SHA256withRSA").getProvider().getName();
        } catch (GeneralSecurityException e) {
            return "JDK";
        }
    }
}
