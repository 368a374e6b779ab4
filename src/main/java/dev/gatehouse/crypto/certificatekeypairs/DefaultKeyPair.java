package dev.gatehouse.crypto.certificatekeypairs;

import dev.gatehouse.core.Actor;
import dev.gatehouse.store.SystemStateStore;
import java.time.Instant;
import java.util.List;
import org.jooq.DSLContext;

/**
 * The key pair a new installation starts with, as authentik's: {@code authentik Self-signed Certificate},
 * RSA-2048, valid 365 days, a random {@code <id>.self-signed.goauthentik.io} name. Created once inside the
 * bootstrap transaction and then left to the admin (deleting it does not bring it back). Generating the key
 * is slow, so {@link #generateIfNeeded} runs before the transaction and {@link #ensure} only inserts.
 */
public final class DefaultKeyPair {
    public static final String NAME = "authentik Self-signed Certificate";
    public static final String MANAGED = "goauthentik.io/crypto/default-self-signed";
    static final String MARKER = "defaults.crypto.self-signed.v1";

    private DefaultKeyPair() {
    }

    /** Fresh material when the default pair has not been created yet, else null (cheap: one read). */
    public static KeyMaterial generateIfNeeded(DSLContext dsl) {
        return new SystemStateStore(dsl).get(MARKER).isPresent() ? null : generate();
    }

    /** Creates the default pair once; {@code pending} is material generated beforehand (null: generate now). */
    public static void ensure(DSLContext dsl, PrivateKeyCipher cipher, KeyMaterial pending) {
        if (new SystemStateStore(dsl).get(MARKER).isPresent()) {
            return;
        }
        CertificateKeyPairStore pairs = new CertificateKeyPairStore(dsl);
        if (pairs.byManaged(MANAGED).isEmpty() && !pairs.nameTaken(NAME, null)) {
            CertificateKeyPairService.insert(dsl, cipher, Actor.SYSTEM, NAME, pending == null ? generate() : pending,
                    MANAGED);
        }
        new SystemStateStore(dsl).putIfAbsent(MARKER, Instant.now().toString());
    }

    private static KeyMaterial generate() {
        String host = dev.gatehouse.crypto.Secrets.randomKey(32).toLowerCase(java.util.Locale.ROOT)
                + ".self-signed.goauthentik.io";
        return CertificateBuilder.selfSigned(KeyType.RSA, NAME, List.of(host), 365);
    }
}
