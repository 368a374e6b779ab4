package dev.gatehouse.stage.invitation;

import dev.gatehouse.flow.engine.Challenge;
import dev.gatehouse.flow.engine.FlowKeys;
import dev.gatehouse.flow.engine.NoAnswer;
import dev.gatehouse.flow.engine.StageResult;
import dev.gatehouse.flow.engine.StageRun;
import dev.gatehouse.flow.engine.StageView;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Asks nothing: finds the invitation of the link that started the plan ({@code ?itoken=}, else the prompt data's
 * {@code token}, as authentik), checks that it exists, has not expired and, when it names a flow, names this one;
 * then merges its fixed data into the prompt data (so the prompt stage shows it filled in) and puts it in the
 * context, where the user_write stage's hook ({@link InvitationConsumer}) uses it up. Without a usable invitation
 * the flow continues when the stage says so, and otherwise ends with a message saying why.
 */
public final class InvitationStageView implements StageView<NoAnswer> {
    static final String NEEDED = "This flow is open to invited users only: open the link of your invitation.";
    static final String GONE = "This invitation has expired or was already used.";
    static final String OTHER_FLOW = "This invitation is not for this flow.";
    /** The prompt data key authentik also takes the token from (a prompt field asking for it). */
    static final String PROMPT_TOKEN = "token";

    @Override
    public Optional<Challenge> challenge(StageRun run) {
        return Optional.empty();
    }

    @Override
    public StageResult submit(StageRun run, NoAnswer response) {
        boolean optional = run.config(InvitationStageType.Config.DEFINITION).continueFlowWithoutInvitation();
        Optional<String> token = token(run);
        if (token.isEmpty()) {
            return optional ? StageResult.CONTINUE : new StageResult.Deny(NEEDED);
        }
        Optional<Invitation> found = uuid(token.get())
                .flatMap(pk -> new InvitationStore(run.services().db().dsl()).byPk(pk))
                .filter(i -> !i.expiredAt(Instant.now()));
        if (found.isEmpty()) {
            return optional ? StageResult.CONTINUE : new StageResult.Deny(GONE);
        }
        Invitation invitation = found.get();
        if (invitation.flow() != null && !invitation.flow().equals(run.plan().flow().pk())) {
            return optional ? StageResult.CONTINUE : new StageResult.Deny(OTHER_FLOW);
        }
        Map<String, Object> data = new LinkedHashMap<>(run.context().get(FlowKeys.PROMPT_DATA).orElse(Map.of()));
        merge(data, invitation.fixedData());
        run.context().put(FlowKeys.PROMPT_DATA, data);
        run.context().put(InvitationKeys.INVITATION, invitation);
        run.context().put(InvitationKeys.IN_EFFECT, true);
        return StageResult.CONTINUE;
    }

    private static Optional<String> token(StageRun run) {
        return run.context().get(FlowKeys.INVITATION_TOKEN).filter(t -> !t.isBlank())
                .or(() -> run.context().get(FlowKeys.PROMPT_DATA).map(d -> d.get(PROMPT_TOKEN))
                        .filter(String.class::isInstance).map(String.class::cast).filter(t -> !t.isBlank()));
    }

    private static Optional<UUID> uuid(String token) {
        try {
            return Optional.of(UUID.fromString(token.trim()));
        } catch (IllegalArgumentException notAUuid) {
            return Optional.empty();
        }
    }

    /** {@code fixed} over {@code into}, nested objects merged key by key (authentik merges them deeply too). */
    @SuppressWarnings("unchecked")
    static void merge(Map<String, Object> into, Map<String, Object> fixed) {
        fixed.forEach((key, value) -> {
            if (value instanceof Map<?, ?> inner && into.get(key) instanceof Map<?, ?> existing) {
                Map<String, Object> merged = new LinkedHashMap<>((Map<String, Object>) existing);
                merge(merged, (Map<String, Object>) inner);
                into.put(key, merged);
            } else {
                into.put(key, value);
            }
        });
    }
}
