package dev.gatehouse.stage.identification;

import dev.gatehouse.core.User;
import dev.gatehouse.core.UserStore;
import dev.gatehouse.flow.engine.AuthMethods;
import dev.gatehouse.flow.engine.FlowContext;
import dev.gatehouse.flow.engine.FlowKeys;
import dev.gatehouse.flow.engine.StageResult;
import dev.gatehouse.flow.engine.StageRun;
import dev.gatehouse.stage.password.PasswordCheck;
import dev.gatehouse.webauthn.WebAuthnAssertion;
import dev.gatehouse.webauthn.WebAuthnFlowSupport;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Passwordless sign-in with a discoverable passkey from the identification stage: the challenge offers
 * request options with an empty allowCredentials and user verification required ({@code passkey_challenge});
 * the answer ({@code passkey}, the PublicKeyCredential JSON) names its user through the credential. A verified
 * assertion makes that user the pending user and records the method as {@value #AUTH_METHOD} (RFC 8176 amr
 * {@code hwk}, by {@link AuthMethods}), which the password stage and the validate stage skip for. Failures answer exactly like a
 * wrong password and count in the same brute-force throttle, under the credential owner's username (or one
 * bucket for unknown credentials), and the client IP.
 */
public final class PasskeyLogin {
    /** authentik's auth_method for a passwordless WebAuthn sign-in; {@link AuthMethods#amr} makes it {@code hwk}. */
    public static final String AUTH_METHOD = AuthMethods.PASSKEY;
    static final String UNKNOWN_CREDENTIAL_KEY = "passkey:unknown-credential";
    private static final WebAuthnAssertion ASSERTION = new WebAuthnAssertion();

    private PasskeyLogin() {
    }

    /** True when this plan's user signed in with a passkey (no password asked). */
    public static boolean passwordless(FlowContext context) {
        return AuthMethods.passwordless(context);
    }

    /** The request options to offer on an authentication flow's identification challenge; empty when headless. */
    static Optional<Map<String, Object>> options(StageRun run) {
        if (!"authentication".equals(run.plan().flow().designation())) {
            return Optional.empty();
        }
        return WebAuthnFlowSupport.relyingParty(run).map(rp -> ASSERTION.options(run.context(), rp, List.of(), "required"));
    }

    /** Verifies the passkey answer; on success the pending user is the credential's owner. */
    static StageResult submit(StageRun run, Object passkey) {
        String ip = run.request().clientIp();
        var dsl = run.services().db().dsl();
        String key = WebAuthnAssertion.namedDevice(passkey, WebAuthnFlowSupport.devices(run))
                .flatMap(d -> new UserStore(dsl).byPk(d.user())).map(User::username).orElse(UNKNOWN_CREDENTIAL_KEY);
        String stage = run.stage().name();
        if (!run.services().throttle().allows(key, ip)) {
            run.context().remove(dev.gatehouse.webauthn.WebAuthnChallenges.AUTHENTICATION);
            PasswordCheck.loginFailed(run, key, stage, "throttled");
            return StageResult.Invalid.of("non_field_errors", PasswordCheck.THROTTLED);
        }
        return switch (ASSERTION.verify(run, passkey, null, "required")) {
            case WebAuthnAssertion.Result.Verified v -> {
                run.context().put(FlowKeys.PENDING_USER, v.user());
                run.context().put(FlowKeys.PENDING_USER_IDENTIFIER, v.user().username());
                AuthMethods.passkeyLogin(run.context(), v.device().pk());
                yield StageResult.CONTINUE;
            }
            case WebAuthnAssertion.Result.Refused r -> {
                run.services().throttle().failed(key, ip);
                PasswordCheck.loginFailed(run, key, stage, "passkey");
                yield StageResult.Invalid.of("non_field_errors", IdentificationStageView.FAILED);
            }
        };
    }
}
