package dev.gatehouse.webauthn;

import java.time.Instant;
import java.util.Set;

/**
 * A registered WebAuthn credential (passkey or security key) of one user. {@code credentialId} is the raw
 * credential id base64url-encoded (unique across users); {@code credentialData} the attested credential data
 * (AAGUID, credential id, COSE public key) as webauthn4j serialises it, base64url; {@code signCount} the last
 * signature counter accepted. The flags are those the authenticator reported at registration.
 */
public record WebAuthnDevice(long pk, long user, String name, String credentialId, String credentialData,
                             long signCount, String aaguid, String rpId, Set<String> transports,
                             boolean uvInitialized, boolean backupEligible, boolean backupState, boolean confirmed,
                             Instant created, Instant lastUsed) {

    public WebAuthnDevice {
        transports = Set.copyOf(transports);
    }

    /** A device not stored yet (pk 0); the store assigns the pk. */
    public static WebAuthnDevice unsaved(long user, String name, String credentialId, String credentialData,
                                         long signCount, String aaguid, String rpId, Set<String> transports,
                                         boolean uvInitialized, boolean backupEligible, boolean backupState,
                                         Instant created) {
        return new WebAuthnDevice(0, user, name, credentialId, credentialData, signCount, aaguid, rpId, transports,
                uvInitialized, backupEligible, backupState, true, created, null);
    }
}
