package dev.gatehouse.provider.oauth2.device;

import dev.gatehouse.core.User;
import dev.gatehouse.flow.engine.Challenge;
import dev.gatehouse.flow.engine.StagePage;
import dev.gatehouse.flow.engine.FlowKeys;
import dev.gatehouse.flow.engine.PlannedStage;
import dev.gatehouse.flow.engine.StageResult;
import dev.gatehouse.flow.engine.StageRun;
import dev.gatehouse.flow.engine.StageView;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The code entry appended in memory to the brand's device-code flow (authentik's {@code OAuthDeviceCodeStage},
 * challenge {@code ak-provider-oauth2-device-code}, answer {@code code}). A code that is not usable is shown again
 * with the reason; a usable one ends the flow at the verification page with a confirmation for this user, which
 * starts the authorization there. A code from the verification URI is only filled in: the user still confirms it
 * (RFC 8628 §5.4, remote phishing), where authentik would skip the question.
 */
final class DeviceCodeEntryStage implements StageView<DeviceCodeResponse> {
    static final String COMPONENT = DeviceCodeChallenge.COMPONENT;
    static final List<StagePage> PAGES = List.of(StagePage.of(COMPONENT, DeviceCodeChallenge.class,
            DeviceCodeResponse.class, "devicecode.jte"));
    /** The in-memory stage kind ({@link DeviceStageKinds}). */
    static final String KIND = "oauth2_device_code";
    private final DeviceVerification verification;
    private final String prefill;

    DeviceCodeEntryStage(DeviceVerification verification, String prefill) {
        this.verification = verification;
        this.prefill = prefill;
    }

    PlannedStage planned() {
        return PlannedStage.inMemory("OAuth2 Device code entry", KIND, Map.of(), this);
    }

    String prefill() {
        return prefill;
    }

    @Override
    public Optional<Challenge> challenge(StageRun run) {
        return Optional.of(new DeviceCodeChallenge(prefill));
    }

    @Override
    public List<StagePage> pages() {
        return PAGES;
    }

    @Override
    public StageResult submit(StageRun run, DeviceCodeResponse answer) {
        User user = run.request().user();
        if (user == null) {
            return new StageResult.Deny("Sign in before you enter the code of your device.");
        }
        Object code = answer.code();
        return switch (verification.check(code == null ? "" : String.valueOf(code), user, run.request().clientIp())) {
            case DeviceVerification.Checked.Refused r -> StageResult.Invalid.of("code", r.message());
            case DeviceVerification.Checked.Usable u -> {
                run.context().put(FlowKeys.REDIRECT, verification.confirmedLocation(u.userCode(), user));
                yield StageResult.CONTINUE;
            }
        };
    }
}
