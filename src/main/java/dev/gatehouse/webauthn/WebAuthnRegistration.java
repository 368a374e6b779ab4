package dev.gatehouse.webauthn;

import com.webauthn4j.converter.exception.DataConversionException;
import com.webauthn4j.data.AuthenticatorTransport;
import com.webauthn4j.data.PublicKeyCredentialParameters;
import com.webauthn4j.data.PublicKeyCredentialType;
import com.webauthn4j.data.RegistrationData;
import com.webauthn4j.data.RegistrationParameters;
import com.webauthn4j.data.attestation.authenticator.AttestedCredentialData;
import com.webauthn4j.data.attestation.authenticator.AuthenticatorData;
import com.webauthn4j.data.attestation.statement.COSEAlgorithmIdentifier;
import com.webauthn4j.verifier.exception.VerificationException;
import dev.gatehouse.core.User;
import dev.gatehouse.flow.engine.FlowContext;
import dev.gatehouse.flow.engine.StageRun;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The WebAuthn registration ceremony (WebAuthn §7.1), parsing and verification by webauthn4j: the
 * PublicKeyCredentialCreationOptions to hand to {@code navigator.credentials.create} (in the standard JSON shape,
 * binary values base64url), then the verification of the browser's answer and the new device stored.
 */
public final class WebAuthnRegistration {
    /** ES256, RS256 and EdDSA, in that order of preference. */
    static final List<COSEAlgorithmIdentifier> ALGORITHMS = List.of(COSEAlgorithmIdentifier.ES256,
            COSEAlgorithmIdentifier.RS256, COSEAlgorithmIdentifier.EdDSA);
    public static final List<String> REQUIREMENTS = List.of("required", "preferred", "discouraged");
    public static final List<String> ATTACHMENTS = List.of("platform", "cross-platform");

    /**
     * What the authenticator_webauthn stage asks of the authenticator: {@code userVerification} and
     * {@code residentKey} are required | preferred | discouraged; {@code attachment} platform | cross-platform or
     * null for either.
     */
    public record Settings(String userVerification, String residentKey, String attachment) {
        public static final Settings DEFAULT = new Settings("preferred", "preferred", null);
    }

    /** The outcome of a registration. */
    public sealed interface Result {
        record Registered(WebAuthnDevice device) implements Result {
        }

        /** Refused; {@code message} is for the user and says nothing more than needed. */
        record Refused(String message) implements Result {
        }
    }

    public static final String EXPIRED = "The registration timed out. Please try again.";
    public static final String INVALID = "The authenticator's answer could not be verified.";
    public static final String DUPLICATE = "This authenticator is already registered.";

    private final Clock clock;

    public WebAuthnRegistration(Clock clock) {
        this.clock = clock;
    }

    public WebAuthnRegistration() {
        this(Clock.systemUTC());
    }

    /**
     * Creation options for {@code user}, with a fresh challenge stored in {@code context}; the user's
     * {@code existing} devices are excluded (the authenticator refuses to register one twice).
     */
    public Map<String, Object> options(FlowContext context, RelyingParty rp, User user, List<WebAuthnDevice> existing,
                                       Settings settings) {
        WebAuthnChallenges.Issued challenge = WebAuthnChallenges.issue(context, WebAuthnChallenges.REGISTRATION, rp.id(),
                clock.instant());
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("challenge", WebAuthnSupport.b64(challenge.value()));
        o.put("rp", Map.of("id", rp.id(), "name", rp.name()));
        o.put("user", Map.of("id", WebAuthnSupport.b64(WebAuthnSupport.userHandle(user)), "name", user.username(),
                "displayName", user.name() == null || user.name().isBlank() ? user.username() : user.name()));
        o.put("pubKeyCredParams", ALGORITHMS.stream()
                .map(a -> Map.<String, Object>of("type", "public-key", "alg", a.getValue())).toList());
        o.put("timeout", WebAuthnChallenges.TTL.toMillis());
        o.put("excludeCredentials", WebAuthnAssertion.descriptors(existing));
        Map<String, Object> selection = new LinkedHashMap<>();
        if (settings.attachment() != null) {
            selection.put("authenticatorAttachment", settings.attachment());
        }
        selection.put("residentKey", settings.residentKey());
        selection.put("requireResidentKey", settings.residentKey().equals("required"));
        selection.put("userVerification", settings.userVerification());
        o.put("authenticatorSelection", selection);
        o.put("attestation", "none");
        o.put("extensions", Map.of("credProps", true));
        return o;
    }

    /**
     * Verifies the browser's answer (the PublicKeyCredential JSON, as text or as a parsed object) against the
     * challenge in {@code context} (used up either way) and stores the new device named {@code name}.
     */
    public Result verify(FlowContext context, RelyingParty rp, User user, Object response, Settings settings,
                         String name, WebAuthnDeviceStore devices) {
        Optional<WebAuthnChallenges.Issued> challenge = WebAuthnChallenges.consume(context,
                WebAuthnChallenges.REGISTRATION, clock.instant());
        if (challenge.isEmpty() || !challenge.get().rpId().equals(rp.id())) {
            return new Result.Refused(EXPIRED);
        }
        String json = WebAuthnSupport.responseJson(response);
        if (json == null) {
            return new Result.Refused(INVALID);
        }
        RegistrationData data;
        try {
            List<PublicKeyCredentialParameters> params = ALGORITHMS.stream()
                    .map(a -> new PublicKeyCredentialParameters(PublicKeyCredentialType.PUBLIC_KEY, a)).toList();
            data = WebAuthnSupport.MANAGER.verifyRegistrationResponseJSON(json, new RegistrationParameters(
                    WebAuthnSupport.serverProperty(rp, challenge.get().value()), params,
                    settings.userVerification().equals("required"), true));
        } catch (DataConversionException | VerificationException | IllegalArgumentException | NullPointerException e) {
            // NullPointerException: webauthn4j tripping over a credential with members missing
            return new Result.Refused(INVALID);
        }
        AuthenticatorData<?> auth = data.getAttestationObject().getAuthenticatorData();
        AttestedCredentialData credential = auth.getAttestedCredentialData();
        Set<String> transports = new LinkedHashSet<>();
        if (data.getTransports() != null) {
            data.getTransports().stream().map(AuthenticatorTransport::getValue).forEach(transports::add);
        }
        WebAuthnDevice device = WebAuthnDevice.unsaved(user.pk(), name, WebAuthnSupport.b64(credential.getCredentialId()),
                WebAuthnSupport.b64(WebAuthnSupport.CREDENTIAL_DATA.convert(credential)), auth.getSignCount(),
                credential.getAaguid().getValue() == null ? "00000000-0000-0000-0000-000000000000"
                        : credential.getAaguid().getValue().toString(),
                rp.id(), transports, auth.isFlagUV(), auth.isFlagBE(), auth.isFlagBS(), clock.instant());
        return devices.insert(device).<Result>map(Result.Registered::new).orElse(new Result.Refused(DUPLICATE));
    }

    /** For a stage: creation options for {@code user} on the run's relying party; empty when headless. */
    public Optional<Map<String, Object>> options(StageRun run, User user, Settings settings) {
        List<WebAuthnDevice> existing = WebAuthnFlowSupport.devices(run).byUser(user.pk());
        return WebAuthnFlowSupport.relyingParty(run).map(rp -> options(run.context(), rp, user, existing, settings));
    }

    /** For a stage: verifies the browser's answer and stores the device for {@code user}. */
    public Result verify(StageRun run, User user, Object response, Settings settings, String name) {
        Optional<RelyingParty> rp = WebAuthnFlowSupport.relyingParty(run);
        if (rp.isEmpty()) {
            run.context().remove(WebAuthnChallenges.REGISTRATION);
            return new Result.Refused(EXPIRED);
        }
        return verify(run.context(), rp.get(), user, response, settings, name, WebAuthnFlowSupport.devices(run));
    }
}
