package dev.gatehouse.stage.authenticator_webauthn;

import dev.gatehouse.authenticator.Device;
import dev.gatehouse.authenticator.DeviceChallenger;
import dev.gatehouse.authenticator.DeviceClass;
import dev.gatehouse.authenticator.DeviceOwner;
import dev.gatehouse.authenticator.DeviceRows;
import dev.gatehouse.core.User;
import dev.gatehouse.flow.engine.StageRun;
import dev.gatehouse.webauthn.WebAuthnDeviceStore;
import dev.gatehouse.webauthn.WebAuthnAssertion;
import dev.gatehouse.webauthn.WebAuthnDevice;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jooq.DSLContext;

/**
 * WebAuthn credentials ({@code webauthn}, amr {@code hwk}): the challenge is the PublicKeyCredentialRequestOptions
 * for all the user's credentials, with the validate stage's {@code webauthn_user_verification}; the answer
 * ({@code webauthn}, the PublicKeyCredential JSON) is verified by {@link WebAuthnAssertion} against the challenge
 * kept in the flow context (single use) and must come from one of the offered devices.
 */
public final class WebAuthnDeviceClass implements DeviceClass, DeviceChallenger {
    public static final String NAME = "webauthn";
    /** The validate stage's setting; authentik's default is preferred. */
    static final String USER_VERIFICATION = "webauthn_user_verification";
    private static final WebAuthnAssertion ASSERTION = new WebAuthnAssertion();

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String amr() {
        return "hwk";
    }

    @Override
    public String verboseName() {
        return "WebAuthn Device";
    }

    @Override
    public String modelLabel() {
        return "authentik_stages_authenticator_webauthn.WebAuthnDevice";
    }

    @Override
    public String setupStageType() {
        return AuthenticatorWebAuthnStageType.NAME;
    }

    /** authentik's WebAuthnDevice name is a 200-character text field. */
    @Override
    public int maxNameLength() {
        return 200;
    }

    @Override
    public DeviceRows rows(DSLContext dsl) {
        return new WebAuthnDeviceStore(dsl).rows(NAME);
    }

    /** authentik's WebAuthnDeviceSerializer also has created_on, aaguid and device_type (null: no FIDO metadata). */
    @Override
    public Map<String, Object> extraFields(DSLContext dsl, Device device) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("created_on", device.created());
        m.put("aaguid", new WebAuthnDeviceStore(dsl).byPk(device.pk()).map(WebAuthnDevice::aaguid).orElse(null));
        m.put("device_type", null);
        return m;
    }

    @Override
    public DeviceChallenger challenger() {
        return this;
    }

    @Override
    public String responseField() {
        return NAME;
    }

    /** Request options for all the user's credentials (one challenge, stored in the flow context); empty when headless. */
    @Override
    public Map<String, Object> challenge(StageRun run, Device device) {
        return DeviceOwner.of(run).filter(u -> u.pk() == device.user())
                .flatMap(u -> ASSERTION.options(run, u, userVerification(run))).orElse(Map.of());
    }

    @Override
    public Optional<Device> verify(StageRun run, User user, List<Device> devices, Object answer) {
        if (devices.isEmpty()) {
            return Optional.empty();
        }
        return switch (ASSERTION.verify(run, answer, user, userVerification(run))) {
            case WebAuthnAssertion.Result.Verified v -> devices.stream().filter(d -> d.pk() == v.device().pk())
                    .findFirst().flatMap(d -> rows(run.services().db().dsl()).byPk(d.pk()));
            case WebAuthnAssertion.Result.Refused r -> Optional.empty();
        };
    }

    private static String userVerification(StageRun run) {
        Object uv = run.config().get(USER_VERIFICATION);
        return uv instanceof String s && List.of("required", "preferred", "discouraged").contains(s) ? s : "preferred";
    }
}
