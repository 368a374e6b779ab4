package dev.gatehouse.webauthn;

import dev.gatehouse.core.BrandStore;
import dev.gatehouse.core.User;
import dev.gatehouse.flow.engine.FlowKeys;
import dev.gatehouse.flow.engine.StageRun;
import java.util.Optional;

/** What stages using WebAuthn read from their run: the relying party, the device store, the user concerned. */
public final class WebAuthnFlowSupport {
    private WebAuthnFlowSupport() {
    }

    /** The relying party of the run's request (host and scheme), named after the brand; empty when headless. */
    public static Optional<RelyingParty> relyingParty(StageRun run) {
        String brand = new BrandStore(run.services().db().dsl()).defaultBrandCached()
                .map(b -> b.brandingTitle()).orElse(null);
        return RelyingParty.of(run.request(), brand);
    }

    public static WebAuthnDeviceStore devices(StageRun run) {
        return new WebAuthnDeviceStore(run.services().db().dsl());
    }

    /** The user the stage acts for: the flow's pending user, else the signed-in one (authentik's get_pending_user). */
    public static Optional<User> user(StageRun run) {
        return run.context().get(FlowKeys.PENDING_USER).or(() -> Optional.ofNullable(run.request().user()));
    }
}
