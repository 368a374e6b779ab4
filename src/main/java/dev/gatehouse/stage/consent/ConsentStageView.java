package dev.gatehouse.stage.consent;

import dev.gatehouse.core.Application;
import dev.gatehouse.core.Timedelta;
import dev.gatehouse.core.User;
import dev.gatehouse.crypto.Secrets;
import dev.gatehouse.flow.engine.Challenge;
import dev.gatehouse.flow.engine.FlowKeys;
import dev.gatehouse.flow.engine.StagePage;
import dev.gatehouse.flow.engine.StageResult;
import dev.gatehouse.flow.engine.StageRun;
import dev.gatehouse.flow.engine.StageView;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code ak-stage-consent}: asks the user to allow the application in the context the permissions the
 * authorization requests. Mode always_require asks every time; permanent and expiring remember the
 * answer per user × application (until consent_expire_in has passed) and do not ask again while the
 * remembered consent covers what is requested, unless the context says {@link FlowKeys#CONSENT_FORCE}.
 * An answer with {@code deny} (the page's Deny button) declines: the flow ends denied and nothing is remembered
 * (RFC 6749 §4.1.2.1 {@code access_denied}: the resource owner denied the request).
 */
public final class ConsentStageView implements StageView<ConsentResponse> {

    @Override
    public Optional<Challenge> challenge(StageRun run) {
        Optional<Application> app = run.context().get(FlowKeys.APPLICATION);
        Optional<User> user = user(run);
        if (app.isEmpty() || user.isEmpty() || remembered(run, app.get(), user.get())) {
            return Optional.empty();
        }
        String token = Secrets.randomKey(32);
        run.context().put(FlowKeys.CONSENT_TOKEN, token);
        List<Map<String, String>> permissions = requested(run).entrySet().stream()
                .map(e -> Map.of("id", e.getKey(), "name", e.getValue())).toList();
        return Optional.of(new ConsentChallenge("\"" + app.get().name() + "\" would like to access:", permissions,
                List.of(), token, user.get().username()));
    }

    @Override
    public List<StagePage> pages() {
        return List.of(StagePage.of(ConsentChallenge.COMPONENT, ConsentChallenge.class, ConsentResponse.class,
                "consent.jte"));
    }

    @Override
    public StageResult submit(StageRun run, ConsentResponse answer) {
        Optional<Application> app = run.context().get(FlowKeys.APPLICATION);
        Optional<User> user = user(run);
        if (app.isEmpty()) {
            return StageResult.CONTINUE;
        }
        if (user.isEmpty()) {
            return new StageResult.Deny("No user to give consent.");
        }
        if (remembered(run, app.get(), user.get()) && run.context().get(FlowKeys.CONSENT_TOKEN).isEmpty()) {
            return StageResult.CONTINUE;
        }
        String expected = run.context().get(FlowKeys.CONSENT_TOKEN).orElse(null);
        if (expected == null || answer.token() == null || !Secrets.constantTimeEquals(expected, answer.token())) {
            return StageResult.Invalid.of("token", "Invalid consent token.");
        }
        run.context().remove(FlowKeys.CONSENT_TOKEN);
        if (answer.deny()) {
            return new StageResult.Deny("You did not allow \"" + app.get().name() + "\" to access your account.");
        }
        ConsentStageType.Config config = run.config(ConsentStageType.Config.DEFINITION);
        if (!config.mode().equals("always_require")) {
            Instant expires = config.mode().equals("expiring")
                    ? Instant.now().plus(Timedelta.parse(config.consentExpireIn())) : null;
            run.services().db().txRun(dsl -> new ConsentStore(dsl).remember(user.get().pk(), app.get().pk(),
                    requested(run).keySet(), expires));
        }
        return StageResult.CONTINUE;
    }

    private static boolean remembered(StageRun run, Application app, User user) {
        if ("always_require".equals(run.config(ConsentStageType.Config.DEFINITION).mode())
                || run.context().get(FlowKeys.CONSENT_FORCE).orElse(false)) {
            return false;
        }
        Set<String> wanted = requested(run).keySet();
        return new ConsentStore(run.services().db().dsl()).find(user.pk(), app.pk())
                .map(c -> c.covers(wanted, Instant.now())).orElse(false);
    }

    private static Map<String, String> requested(StageRun run) {
        return run.context().get(FlowKeys.CONSENT_PERMISSIONS).orElse(Map.of());
    }

    private static Optional<User> user(StageRun run) {
        return run.context().get(FlowKeys.PENDING_USER).or(() -> Optional.ofNullable(run.request().user()));
    }
}
