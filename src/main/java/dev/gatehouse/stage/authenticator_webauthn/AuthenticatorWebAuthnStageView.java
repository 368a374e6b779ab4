package dev.gatehouse.stage.authenticator_webauthn;

import dev.gatehouse.core.User;
import dev.gatehouse.flow.engine.Challenge;
import dev.gatehouse.flow.engine.StagePage;
import dev.gatehouse.flow.engine.StageResult;
import dev.gatehouse.flow.engine.StageRun;
import dev.gatehouse.flow.engine.StageView;
import dev.gatehouse.webauthn.WebAuthnFlowSupport;
import dev.gatehouse.webauthn.WebAuthnRegistration;
import java.util.Optional;

/**
 * {@code ak-stage-authenticator-webauthn}: hands the browser PublicKeyCredentialCreationOptions
 * ({@code registration}) and takes back the PublicKeyCredential of {@code navigator.credentials.create}
 * ({@code response}); a verified one becomes the user's new device.
 */
public final class AuthenticatorWebAuthnStageView implements StageView<WebAuthnResponse> {
    public static final String DEFAULT_NAME = "WebAuthn Device";
    static final String NO_USER = "No user to register an authenticator for.";
    static final String NO_BROWSER = "Registering a WebAuthn authenticator needs a browser.";
    private final WebAuthnRegistration registration = new WebAuthnRegistration();

    @Override
    public Optional<Challenge> challenge(StageRun run) {
        Optional<User> user = WebAuthnFlowSupport.user(run);
        if (user.isEmpty()) {
            return Optional.empty();
        }
        return registration.options(run, user.get(), settings(run))
                .<Challenge>map(options -> new WebAuthnChallenge(options, user.get().username()));
    }

    @Override
    public java.util.List<StagePage> pages() {
        return java.util.List.of(StagePage.of(WebAuthnChallenge.COMPONENT, WebAuthnChallenge.class,
                WebAuthnResponse.class, "webauthn.jte"));
    }

    @Override
    public StageResult submit(StageRun run, WebAuthnResponse response) {
        Optional<User> user = WebAuthnFlowSupport.user(run);
        if (user.isEmpty()) {
            return new StageResult.Deny(NO_USER);
        }
        if (WebAuthnFlowSupport.relyingParty(run).isEmpty()) {
            return new StageResult.Deny(NO_BROWSER);
        }
        Object answer = response.response();
        if (answer == null || answer instanceof String s && s.isBlank()) {
            return StageResult.Invalid.of("response", "This field is required.");
        }
        return switch (registration.verify(run, user.get(), answer, settings(run),
                name(run.config(AuthenticatorWebAuthnStageType.Config.DEFINITION)))) {
            case WebAuthnRegistration.Result.Registered r -> StageResult.CONTINUE;
            case WebAuthnRegistration.Result.Refused r -> StageResult.Invalid.of("response", r.message());
        };
    }

    private static WebAuthnRegistration.Settings settings(StageRun run) {
        AuthenticatorWebAuthnStageType.Config config = run.config(AuthenticatorWebAuthnStageType.Config.DEFINITION);
        return new WebAuthnRegistration.Settings(config.userVerification(), config.residentKeyRequirement(),
                config.authenticatorAttachment());
    }

    private static String name(AuthenticatorWebAuthnStageType.Config config) {
        String n = config.friendlyName();
        return n != null && !n.isBlank() ? n.trim() : DEFAULT_NAME;
    }
}
