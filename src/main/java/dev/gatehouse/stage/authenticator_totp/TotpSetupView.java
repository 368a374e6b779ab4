package dev.gatehouse.stage.authenticator_totp;

import dev.gatehouse.authenticator.DeviceOwner;
import dev.gatehouse.core.User;
import dev.gatehouse.crypto.Secrets;
import dev.gatehouse.crypto.totp.Base32;
import dev.gatehouse.crypto.totp.Totp;
import dev.gatehouse.flow.engine.Challenge;
import dev.gatehouse.flow.engine.StagePage;
import dev.gatehouse.flow.engine.ContextKey;
import dev.gatehouse.flow.engine.StageResult;
import dev.gatehouse.flow.engine.StageRun;
import dev.gatehouse.flow.engine.StageView;
import dev.gatehouse.authenticator.TotpDeviceStore;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * {@code ak-stage-authenticator-totp}: a fresh secret, kept in the plan's (server-side) context until the user
 * answers with a code for it; only then is the device stored (confirmed, its secret sealed, the confirming code's
 * step recorded so that code cannot sign in afterwards). A plan never stores half-enrolled devices.
 */
public final class TotpSetupView implements StageView<TotpResponse> {
    /** The base32 secret being enrolled in this plan. */
    static final ContextKey<String> PENDING_SECRET = ContextKey.secret("authenticator_totp_secret", String.class);
    static final String DEFAULT_NAME = "TOTP Device";
    static final int PERIOD = 30;

    @Override
    public Optional<Challenge> challenge(StageRun run) {
        Optional<User> user = DeviceOwner.of(run);
        if (user.isEmpty()) {
            return Optional.empty();
        }
        String secret = run.context().get(PENDING_SECRET).orElseGet(() -> {
            String fresh = Base32.encode(Secrets.randomBytes(Totp.SECRET_BYTES));
            run.context().put(PENDING_SECRET, fresh);
            return fresh;
        });
        return Optional.of(new TotpChallenge(user.get().username(),
                Totp.otpauthUrl(DeviceOwner.issuer(run), user.get().username(), secret, digits(run), PERIOD)));
    }

    @Override
    public java.util.List<StagePage> pages() {
        return java.util.List.of(StagePage.of(TotpChallenge.COMPONENT, TotpChallenge.class, TotpResponse.class,
                "totp.jte"));
    }

    @Override
    public StageResult submit(StageRun run, TotpResponse response) {
        Optional<User> user = DeviceOwner.of(run);
        Optional<String> secret = run.context().get(PENDING_SECRET);
        if (user.isEmpty()) {
            return new StageResult.Deny("No user to set up an authenticator for.");
        }
        if (secret.isEmpty()) {
            return StageResult.Invalid.of("code", "The setup expired; scan the new code.");
        }
        Object answer = response.code();
        String code = answer instanceof String || answer instanceof Number ? String.valueOf(answer).replace(" ", "") : "";
        if (code.isEmpty()) {
            return StageResult.Invalid.of("code", "This field is required.");
        }
        byte[] key = Base32.decode(secret.get());
        Instant now = Instant.now();
        OptionalLong step = Totp.match(key, code, now, digits(run), PERIOD, -1);
        if (step.isEmpty()) {
            return StageResult.Invalid.of("code", "Code does not match");
        }
        long owner = user.get().pk();
        String sealed = run.services().deviceSecrets().seal(TotpDeviceClass.sealContext(owner), key);
        run.services().db().txRun(dsl -> new TotpDeviceStore(dsl).insert(owner, name(run), sealed, digits(run), PERIOD,
                now, step.getAsLong()));
        run.context().remove(PENDING_SECRET);
        return StageResult.CONTINUE;
    }

    private static int digits(StageRun run) {
        return run.config(TotpStageType.Config.DEFINITION).digits();
    }

    private static String name(StageRun run) {
        String name = run.config(TotpStageType.Config.DEFINITION).friendlyName();
        return name != null && !name.isBlank() ? name : DEFAULT_NAME;
    }
}
