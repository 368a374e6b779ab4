package dev.gatehouse.webauthn;

import com.webauthn4j.converter.exception.DataConversionException;
import com.webauthn4j.data.AuthenticationData;
import com.webauthn4j.data.AuthenticationParameters;
import com.webauthn4j.verifier.exception.VerificationException;
import dev.gatehouse.core.User;
import dev.gatehouse.flow.engine.FlowContext;
import dev.gatehouse.flow.engine.StageRun;
import dev.gatehouse.core.UserStore;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The WebAuthn authentication ceremony (WebAuthn §7.2), parsing and verification by webauthn4j: the
 * PublicKeyCredentialRequestOptions for {@code navigator.credentials.get} (for one user's devices, or with an
 * empty allowCredentials for a discoverable passkey), then the verification of the assertion: the challenge
 * (single use, from the flow context), origin and RP id, the signature with the stored public key, user presence
 * and, when required, user verification, the user handle, and the signature counter (a counter that does not
 * grow, when not zero, is refused as webauthn4j reports a cloned authenticator).
 */
public final class WebAuthnAssertion {

    /** The outcome of an assertion. */
    public sealed interface Result {
        /** The device and its (active) user; {@code userVerified}: the authenticator verified the user (UV flag). */
        record Verified(WebAuthnDevice device, User user, boolean userVerified) implements Result {
        }

        /**
         * Refused, with the device the assertion named when it is a registered one (so the caller can count the
         * failure against its user), else null. {@code reason} is for logs, not for the user.
         */
        record Refused(String reason, WebAuthnDevice device) implements Result {
        }
    }

    private final Clock clock;

    public WebAuthnAssertion(Clock clock) {
        this.clock = clock;
    }

    public WebAuthnAssertion() {
        this(Clock.systemUTC());
    }

    /**
     * Request options with a fresh challenge stored in {@code context}. {@code allowed}: the devices that may
     * answer (a known user's), or an empty list for a discoverable credential (passwordless: the authenticator
     * says whose it is). {@code userVerification}: required | preferred | discouraged.
     */
    public Map<String, Object> options(FlowContext context, RelyingParty rp, List<WebAuthnDevice> allowed,
                                       String userVerification) {
        WebAuthnChallenges.Issued challenge = WebAuthnChallenges.issue(context, WebAuthnChallenges.AUTHENTICATION,
                rp.id(), clock.instant());
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("challenge", WebAuthnSupport.b64(challenge.value()));
        o.put("timeout", WebAuthnChallenges.TTL.toMillis());
        o.put("rpId", rp.id());
        o.put("allowCredentials", descriptors(allowed));
        o.put("userVerification", userVerification);
        return o;
    }

    /**
     * Verifies an assertion (the PublicKeyCredential JSON, as text or parsed object) against the challenge in
     * {@code context}, which is used up either way. {@code expectedUser}: the user who must own the credential, or
     * null for a discoverable one (the user handle then names the user and must match the credential's owner).
     * On success the device's counter and last use are updated.
     */
    public Result verify(FlowContext context, RelyingParty rp, Object response, User expectedUser,
                         String userVerification, WebAuthnDeviceStore devices, UserStore users) {
        Optional<WebAuthnChallenges.Issued> challenge = WebAuthnChallenges.consume(context,
                WebAuthnChallenges.AUTHENTICATION, clock.instant());
        if (challenge.isEmpty() || !challenge.get().rpId().equals(rp.id())) {
            return new Result.Refused("no pending challenge", null);
        }
        String json = WebAuthnSupport.responseJson(response);
        if (json == null) {
            return new Result.Refused("no credential", null);
        }
        AuthenticationData data;
        try {
            data = WebAuthnSupport.MANAGER.parseAuthenticationResponseJSON(json);
        } catch (RuntimeException e) { // DataConversionException, or webauthn4j tripping over missing members
            return new Result.Refused("malformed credential", null);
        }
        if (data.getAuthenticatorData() == null || data.getSignature() == null || data.getCollectedClientData() == null) {
            return new Result.Refused("malformed credential", null);
        }
        if (data.getCredentialId() == null) {
            return new Result.Refused("malformed credential", null);
        }
        Optional<WebAuthnDevice> found = devices.byCredentialId(WebAuthnSupport.b64(data.getCredentialId()));
        if (found.isEmpty()) {
            return new Result.Refused("unknown credential", null);
        }
        WebAuthnDevice device = found.get();
        Optional<User> owner = users.byPk(device.user());
        if (owner.isEmpty() || !owner.get().isActive()
                || (expectedUser != null && expectedUser.pk() != device.user())) {
            return new Result.Refused("credential of another or inactive user", device);
        }
        byte[] handle = data.getUserHandle();
        if ((expectedUser == null && handle == null)
                || (handle != null && !MessageDigest.isEqual(handle, WebAuthnSupport.userHandle(owner.get())))) {
            return new Result.Refused("user handle does not match", device);
        }
        List<byte[]> allow = expectedUser == null ? null : devices.byUser(expectedUser.pk()).stream()
                .map(d -> WebAuthnSupport.unb64(d.credentialId())).toList();
        try {
            WebAuthnSupport.MANAGER.verify(data, new AuthenticationParameters(
                    WebAuthnSupport.serverProperty(rp, challenge.get().value()), WebAuthnSupport.credentialRecord(device),
                    allow, "required".equals(userVerification), true));
        } catch (VerificationException | DataConversionException | IllegalArgumentException | NullPointerException e) {
            return new Result.Refused("verification failed: " + e.getClass().getSimpleName(), device);
        }
        long count = data.getAuthenticatorData().getSignCount();
        if (!devices.recordUse(device.pk(), device.signCount(), count, clock.instant())) {
            return new Result.Refused("signature counter moved concurrently", device);
        }
        WebAuthnDevice used = devices.byPk(device.pk()).orElse(device);
        return new Result.Verified(used, owner.get(), data.getAuthenticatorData().isFlagUV());
    }

    /**
     * For a stage (e.g. authenticator_validate): request options for {@code user}'s devices, challenge stored in
     * the run's flow context; empty when the run has no relying party (a headless caller: no WebAuthn) or the user
     * has no device.
     */
    public Optional<Map<String, Object>> options(StageRun run, User user, String userVerification) {
        List<WebAuthnDevice> devices = WebAuthnFlowSupport.devices(run).byUser(user.pk());
        if (devices.isEmpty()) {
            return Optional.empty();
        }
        return WebAuthnFlowSupport.relyingParty(run).map(rp -> options(run.context(), rp, devices, userVerification));
    }

    /**
     * For a stage: verifies {@code response} (the client's PublicKeyCredential JSON) as an assertion by one of
     * {@code user}'s devices against the challenge {@link #options(StageRun, User, String)} stored; null
     * {@code user} for a discoverable passkey.
     */
    public Result verify(StageRun run, Object response, User user, String userVerification) {
        Optional<RelyingParty> rp = WebAuthnFlowSupport.relyingParty(run);
        if (rp.isEmpty()) {
            run.context().remove(WebAuthnChallenges.AUTHENTICATION);
            return new Result.Refused("no relying party (headless)", null);
        }
        var dsl = run.services().db().dsl();
        return verify(run.context(), rp.get(), response, user, userVerification, new WebAuthnDeviceStore(dsl),
                new UserStore(dsl));
    }

    /**
     * The registered device an assertion names, without verifying anything (to choose the throttle bucket before
     * the check); empty when the answer is malformed or names no registered credential.
     */
    public static Optional<WebAuthnDevice> namedDevice(Object response, WebAuthnDeviceStore devices) {
        String json = WebAuthnSupport.responseJson(response);
        if (json == null) {
            return Optional.empty();
        }
        try {
            byte[] id = WebAuthnSupport.MANAGER.parseAuthenticationResponseJSON(json).getCredentialId();
            return id == null ? Optional.empty() : devices.byCredentialId(WebAuthnSupport.b64(id));
        } catch (RuntimeException e) { // DataConversionException, or webauthn4j tripping over missing members
            return Optional.empty();
        }
    }

    /** PublicKeyCredentialDescriptors (allowCredentials / excludeCredentials) of devices. */
    static List<Map<String, Object>> descriptors(List<WebAuthnDevice> devices) {
        return devices.stream().map(d -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("type", "public-key");
            m.put("id", d.credentialId());
            if (!d.transports().isEmpty()) {
                m.put("transports", d.transports().stream().sorted().toList());
            }
            return m;
        }).toList();
    }
}
