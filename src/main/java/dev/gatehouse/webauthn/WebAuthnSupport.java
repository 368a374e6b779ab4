package dev.gatehouse.webauthn;

import com.webauthn4j.WebAuthnManager;
import com.webauthn4j.converter.AttestedCredentialDataConverter;
import com.webauthn4j.converter.util.ObjectConverter;
import com.webauthn4j.credential.CredentialRecord;
import com.webauthn4j.credential.CredentialRecordImpl;
import com.webauthn4j.data.AuthenticatorTransport;
import com.webauthn4j.data.client.Origin;
import com.webauthn4j.data.client.challenge.DefaultChallenge;
import com.webauthn4j.data.attestation.statement.NoneAttestationStatement;
import com.webauthn4j.server.ServerProperty;
import dev.gatehouse.core.Json;
import dev.gatehouse.core.User;
import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/** What both ceremonies share: webauthn4j's manager and converters, base64url, and the glue to stored devices. */
final class WebAuthnSupport {
    static final ObjectConverter CONVERTER = new ObjectConverter();
    /** Attestation "none" is asked for, so no attestation trust anchors: the non-strict manager. */
    static final WebAuthnManager MANAGER = WebAuthnManager.createNonStrictWebAuthnManager(CONVERTER);
    static final AttestedCredentialDataConverter CREDENTIAL_DATA = new AttestedCredentialDataConverter(CONVERTER);
    /** The longest PublicKeyCredential JSON accepted (attestation objects with certificates are a few KB). */
    static final int MAX_RESPONSE = 32 * 1024;

    private WebAuthnSupport() {
    }

    static String b64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static byte[] unb64(String text) {
        return Base64.getUrlDecoder().decode(text);
    }

    /** The WebAuthn user handle of a user: the 16 bytes of its UUID (no personal data, never reused). */
    static byte[] userHandle(User user) {
        UUID u = user.uuid();
        return ByteBuffer.allocate(16).putLong(u.getMostSignificantBits()).putLong(u.getLeastSignificantBits()).array();
    }

    /**
     * The client's PublicKeyCredential as JSON text: the executor API sends it as an object, the browser form as
     * a string. Null when it is neither or too large.
     */
    static String responseJson(Object response) {
        String text = switch (response) {
            case String s -> s;
            case Map<?, ?> m -> Json.write(m);
            case null, default -> null;
        };
        return text == null || text.isBlank() || text.length() > MAX_RESPONSE ? null : text;
    }

    static ServerProperty serverProperty(RelyingParty rp, byte[] challenge) {
        return ServerProperty.builder().origin(new Origin(rp.origin())).rpId(rp.id())
                .challenge(new DefaultChallenge(challenge)).build();
    }

    /** A stored device as webauthn4j's credential record (the attestation statement is not kept: "none"). */
    static CredentialRecord credentialRecord(WebAuthnDevice d) {
        return new CredentialRecordImpl(new NoneAttestationStatement(), d.uvInitialized(), d.backupEligible(),
                d.backupState(), d.signCount(), CREDENTIAL_DATA.convert(unb64(d.credentialData())), null, null, null,
                d.transports().stream().map(AuthenticatorTransport::create).collect(Collectors.toSet()));
    }
}
