package dev.gatehouse.webauthn;

import com.webauthn4j.converter.AttestationObjectConverter;
import com.webauthn4j.converter.AuthenticatorDataConverter;
import com.webauthn4j.converter.util.ObjectConverter;
import com.webauthn4j.data.attestation.AttestationObject;
import com.webauthn4j.data.attestation.authenticator.AAGUID;
import com.webauthn4j.data.attestation.authenticator.AttestedCredentialData;
import com.webauthn4j.data.attestation.authenticator.AuthenticatorData;
import com.webauthn4j.data.attestation.authenticator.EC2COSEKey;
import com.webauthn4j.data.attestation.statement.AttestationStatement;
import com.webauthn4j.data.attestation.statement.COSEAlgorithmIdentifier;
import com.webauthn4j.data.attestation.statement.NoneAttestationStatement;
import com.webauthn4j.data.attestation.statement.PackedAttestationStatement;
import com.webauthn4j.data.extension.authenticator.AuthenticationExtensionAuthenticatorOutput;
import com.webauthn4j.data.extension.authenticator.RegistrationExtensionAuthenticatorOutput;
import dev.gatehouse.core.Json;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A WebAuthn authenticator in software for tests: one ES256 credential (JDK crypto), attestation "none" or packed
 * self attestation, answers in the standard PublicKeyCredential JSON shape (as a browser's toJSON()). webauthn4j's
 * converters only encode the CBOR structures; the signatures are made here.
 */
final class SoftwareAuthenticator {
    private static final ObjectConverter CBOR = new ObjectConverter();
    static final AAGUID AAGUID_ = new AAGUID(UUID.fromString("01020304-0506-0708-090a-0b0c0d0e0f10"));
    private final KeyPair keys;
    final byte[] credentialId = new byte[32];
    byte[] userHandle;
    long counter;
    /** The counter step each assertion adds (0: an authenticator without a counter). */
    long step = 1;
    boolean userVerified = true;

    SoftwareAuthenticator() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec("secp256r1"));
            keys = g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        new SecureRandom().nextBytes(credentialId);
    }

    String credentialIdB64() {
        return b64(credentialId);
    }

    /** navigator.credentials.create: answers creation options as if from {@code origin}. */
    String create(Map<String, Object> options, String origin, String format) {
        Map<?, ?> rp = (Map<?, ?>) options.get("rp");
        Map<?, ?> user = (Map<?, ?>) options.get("user");
        userHandle = Base64.getUrlDecoder().decode((String) user.get("id"));
        byte[] clientData = clientData("webauthn.create", (String) options.get("challenge"), origin);
        byte flags = (byte) (AuthenticatorData.BIT_UP | (userVerified ? AuthenticatorData.BIT_UV : 0)
                | AuthenticatorData.BIT_AT);
        AttestedCredentialData acd = new AttestedCredentialData(AAGUID_, credentialId,
                EC2COSEKey.create((ECPublicKey) keys.getPublic(), COSEAlgorithmIdentifier.ES256));
        AuthenticatorData<RegistrationExtensionAuthenticatorOutput> authData =
                new AuthenticatorData<>(sha256((String) rp.get("id")), flags, counter, acd);
        byte[] authBytes = new AuthenticatorDataConverter(CBOR).convert(authData);
        AttestationStatement statement = switch (format) {
            case "none" -> new NoneAttestationStatement();
            case "packed" -> new PackedAttestationStatement(COSEAlgorithmIdentifier.ES256,
                    sign(concat(authBytes, sha256(clientData))), null);
            default -> throw new IllegalArgumentException(format);
        };
        byte[] attestation = new AttestationObjectConverter(CBOR).convertToBytes(new AttestationObject(authData, statement));
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("clientDataJSON", b64(clientData));
        response.put("attestationObject", b64(attestation));
        response.put("transports", List.of("internal"));
        return credential(response);
    }

    /** navigator.credentials.get: answers request options as if from {@code origin}, for RP id {@code rpId}. */
    String get(Map<String, Object> options, String origin, String rpId) {
        counter += step;
        byte[] clientData = clientData("webauthn.get", (String) options.get("challenge"), origin);
        byte flags = (byte) (AuthenticatorData.BIT_UP | (userVerified ? AuthenticatorData.BIT_UV : 0));
        AuthenticatorData<AuthenticationExtensionAuthenticatorOutput> authData =
                new AuthenticatorData<>(sha256(rpId), flags, counter);
        byte[] authBytes = new AuthenticatorDataConverter(CBOR).convert(authData);
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("clientDataJSON", b64(clientData));
        response.put("authenticatorData", b64(authBytes));
        response.put("signature", b64(sign(concat(authBytes, sha256(clientData)))));
        response.put("userHandle", b64(userHandle));
        return credential(response);
    }

    String get(Map<String, Object> options, String origin) {
        return get(options, origin, (String) options.get("rpId"));
    }

    private String credential(Map<String, Object> response) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("id", b64(credentialId));
        c.put("rawId", b64(credentialId));
        c.put("type", "public-key");
        c.put("response", response);
        c.put("clientExtensionResults", Map.of());
        return Json.write(c);
    }

    private static byte[] clientData(String type, String challenge, String origin) {
        return Json.write(Map.of("type", type, "challenge", challenge, "origin", origin, "crossOrigin", false))
                .getBytes(StandardCharsets.UTF_8);
    }

    private byte[] sign(byte[] data) {
        try {
            Signature s = Signature.getInstance("SHA256withECDSA");
            s.initSign(keys.getPrivate());
            s.update(data);
            return s.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] sha256(String text) {
        return sha256(text.getBytes(StandardCharsets.UTF_8));
    }

    static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    static String b64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
