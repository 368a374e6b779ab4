package dev.gatehouse.stage.account_lockdown;

import dev.gatehouse.core.Actor;
import dev.gatehouse.core.User;
import dev.gatehouse.core.errors.NotFoundException;
import dev.gatehouse.core.errors.ValidationException;
import dev.gatehouse.flow.FlowStore;
import dev.gatehouse.flow.engine.Challenge;
import dev.gatehouse.flow.engine.ContextKey;
import dev.gatehouse.flow.engine.FlowKeys;
import dev.gatehouse.flow.engine.NoAnswer;
import dev.gatehouse.flow.engine.StagePage;
import dev.gatehouse.flow.engine.StageResult;
import dev.gatehouse.flow.engine.StageRun;
import dev.gatehouse.flow.engine.StageView;
import dev.gatehouse.lockdown.AccountLockdown;
import dev.gatehouse.lockdown.LockdownKeys;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Asks nothing: locks every target down ({@link AccountLockdown}, one transaction each) and goes on. The targets are
 * the users a bulk lockdown names, else the pending user, else the signed-in user; the reason is the prompt data's
 * {@code reason}. When the signed-in user locked down their own account and sessions are deleted, its session is
 * gone: the browser is sent to the completion flow, or, without one, this stage stays on a page saying the account
 * was locked.
 */
public final class AccountLockdownStageView implements StageView<NoAnswer> {
    static final String NO_TARGET = "No target user specified for account lockdown.";
    static final String LOCKED_TITLE = "Your account has been locked";
    static final String LOCKED_BODY = "Every session and token of your account has ended and you can no longer sign "
            + "in. Contact your administrator to regain access.";
    /** Set once a self-service lockdown without a completion flow is done: the stage then only shows that. */
    private static final ContextKey<Boolean> LOCKED = new ContextKey<>("lockdown_self_service_done", Boolean.class);

    @Override
    public Optional<Challenge> challenge(StageRun run) {
        return run.context().get(LOCKED).orElse(false)
                ? Optional.of(new AccountLockedChallenge(LOCKED_TITLE, LOCKED_BODY)) : Optional.empty();
    }

    @Override
    public StageResult submit(StageRun run, NoAnswer response) {
        if (run.context().get(LOCKED).orElse(false)) {
            return StageResult.AGAIN;
        }
        List<Long> targets = targets(run);
        if (targets.isEmpty()) {
            return new StageResult.Deny(NO_TARGET);
        }
        AccountLockdownStageType.Config config = run.config(AccountLockdownStageType.Config.DEFINITION);
        User caller = run.request().user();
        Actor actor = new Actor(caller, run.request().clientIp(), run.request().session());
        AccountLockdown lockdown = new AccountLockdown(run.services().db());
        for (long pk : targets) {
            try {
                lockdown.lock(actor, pk, reason(run), config.actions());
            } catch (ValidationException | NotFoundException refused) {
                return new StageResult.Deny(refused instanceof ValidationException v
                        ? String.join(" ", v.errors().getOrDefault("non_field_errors", List.of(v.getMessage())))
                        : "The user to lock down no longer exists.");
            }
        }
        run.context().get(FlowKeys.PENDING_USER).flatMap(u -> run.services().users().byPk(u.pk()))
                .ifPresent(u -> run.context().put(FlowKeys.PENDING_USER, u));
        boolean selfService = caller != null && targets.contains(caller.pk());
        if (!selfService || !config.deleteSessions()) {
            return StageResult.CONTINUE;
        }
        Optional<String> completion = Optional.ofNullable(config.selfServiceCompletionFlow())
                .flatMap(pk -> new FlowStore(run.services().db().dsl()).byPk(pk))
                .map(flow -> "/if/flow/" + flow.slug() + "/");
        if (completion.isPresent()) {
            run.context().put(FlowKeys.REDIRECT, completion.get());
            return StageResult.CONTINUE;
        }
        run.context().put(LOCKED, true);
        return StageResult.AGAIN;
    }

    @Override
    public List<StagePage> pages() {
        return List.of(StagePage.of(AccountLockedChallenge.COMPONENT, AccountLockedChallenge.class, NoAnswer.class,
                "locked.jte"));
    }

    /** The pks a bulk lockdown names, else the pending user's, else the signed-in user's. */
    private static List<Long> targets(StageRun run) {
        Optional<List<Object>> bulk = run.context().get(LockdownKeys.TARGETS);
        if (bulk.isPresent()) {
            List<Long> pks = new ArrayList<>();
            for (Object o : bulk.get()) {
                if (o instanceof Number n && !pks.contains(n.longValue())) {
                    pks.add(n.longValue());
                }
            }
            return pks;
        }
        return run.context().get(FlowKeys.PENDING_USER).or(() -> Optional.ofNullable(run.request().user()))
                .map(u -> List.of(u.pk())).orElse(List.of());
    }

    private static String reason(StageRun run) {
        return run.context().get(FlowKeys.PROMPT_DATA)
                .map(data -> data.get(LockdownKeys.REASON_FIELD))
                .map(String::valueOf).orElse("");
    }
}
