package dev.gatehouse.stage.authenticator_static;

import dev.gatehouse.authenticator.DeviceOwner;
import dev.gatehouse.core.User;
import dev.gatehouse.flow.engine.Challenge;
import dev.gatehouse.flow.engine.NoAnswer;
import dev.gatehouse.flow.engine.StagePage;
import dev.gatehouse.flow.engine.ContextKey;
import dev.gatehouse.flow.engine.StageResult;
import dev.gatehouse.flow.engine.StageRun;
import dev.gatehouse.flow.engine.StageView;
import dev.gatehouse.authenticator.StaticDeviceStore;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * {@code ak-stage-authenticator-static}: fresh codes, kept in the plan's (server-side) context while they are
 * shown; the user's confirmation stores the device with the codes' hashes and forgets the codes. They are never
 * shown again.
 */
public final class StaticSetupView implements StageView<NoAnswer> {
    @SuppressWarnings({"unchecked", "rawtypes"})
    static final ContextKey<List<String>> PENDING_CODES = ContextKey.secret("authenticator_static_codes", (Class) List.class);
    static final String DEFAULT_NAME = "Static Token";

    @Override
    public Optional<Challenge> challenge(StageRun run) {
        Optional<User> user = DeviceOwner.of(run);
        if (user.isEmpty()) {
            return Optional.empty();
        }
        List<String> codes = run.context().get(PENDING_CODES).orElseGet(() -> {
            List<String> fresh = List.copyOf(RecoveryCodes.generate(
                    run.config(StaticStageType.Config.DEFINITION).tokenCount(),
                    run.config(StaticStageType.Config.DEFINITION).tokenLength()));
            run.context().put(PENDING_CODES, fresh);
            return fresh;
        });
        return Optional.of(new StaticChallenge(user.get().username(), codes));
    }

    @Override
    public List<StagePage> pages() {
        return List.of(StagePage.of(StaticChallenge.COMPONENT, StaticChallenge.class, NoAnswer.class, "static.jte"));
    }

    @Override
    public StageResult submit(StageRun run, NoAnswer response) {
        Optional<User> user = DeviceOwner.of(run);
        if (user.isEmpty()) {
            return new StageResult.Deny("No user to set up recovery codes for.");
        }
        Optional<List<String>> codes = run.context().get(PENDING_CODES);
        if (codes.isEmpty()) {
            return StageResult.Invalid.of("non_field_errors", "The setup expired; note the new codes.");
        }
        List<String> hashes = codes.get().stream().map(RecoveryCodes::hash).toList();
        String configured = run.config(StaticStageType.Config.DEFINITION).friendlyName();
        String name = configured != null && !configured.isBlank() ? configured : DEFAULT_NAME;
        run.services().db().txRun(dsl -> new StaticDeviceStore(dsl).insert(user.get().pk(), name, hashes, Instant.now()));
        run.context().remove(PENDING_CODES);
        return StageResult.CONTINUE;
    }
}
