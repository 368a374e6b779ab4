package dev.gatehouse.authenticator;

import dev.gatehouse.core.BrandStore;
import dev.gatehouse.core.User;
import dev.gatehouse.flow.engine.FlowKeys;
import dev.gatehouse.flow.engine.StageRun;
import java.util.Optional;

/** Whose devices a stage works with: the flow's pending user, else whoever is signed in (a settings flow). */
public final class DeviceOwner {
    private DeviceOwner() {
    }

    public static Optional<User> of(StageRun run) {
        return run.context().get(FlowKeys.PENDING_USER).or(() -> Optional.ofNullable(run.request().user()))
                .filter(User::isActive);
    }

    /** The brand's title: the issuer authenticator apps show next to the account. */
    public static String issuer(StageRun run) {
        return new BrandStore(run.services().db().dsl()).defaultBrandCached()
                .map(b -> b.brandingTitle()).filter(t -> t != null && !t.isBlank()).orElse("gatehouse");
    }
}
