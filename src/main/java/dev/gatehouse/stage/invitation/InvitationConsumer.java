package dev.gatehouse.stage.invitation;

import dev.gatehouse.core.Actor;
import dev.gatehouse.core.EventLog;
import dev.gatehouse.core.User;
import dev.gatehouse.flow.engine.StageRun;
import dev.gatehouse.flow.engine.UserWriteHook;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.jooq.DSLContext;

/**
 * Uses up the invitation of a plan when its enrollment writes the user, in the write's own transaction (authentik
 * deletes a single-use invitation on its {@code user_write} signal): a single-use invitation is deleted, and a delete
 * that finds no row (another browser used it first, or it expired meanwhile) undoes the write with the "already
 * used" message, so of two racing enrollments exactly one creates its user. A multi-use invitation stays, but must
 * still exist and not have expired. Each use is an {@code invitation_used} event of the written user.
 */
public final class InvitationConsumer implements UserWriteHook {

    @Override
    public void written(StageRun run, DSLContext tx, User user) {
        Optional<Invitation> held = run.context().get(InvitationKeys.INVITATION);
        if (held.isEmpty()) {
            return;
        }
        Invitation invitation = held.get();
        InvitationStore store = new InvitationStore(tx);
        Instant now = Instant.now();
        boolean used = invitation.singleUse() ? store.consume(invitation.pk(), now) : store.usable(invitation.pk(), now);
        if (!used) {
            throw new Refused(InvitationStageView.GONE);
        }
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("invitation_uuid", invitation.pk().toString().replace("-", ""));
        context.put("invitation_name", invitation.name());
        context.put("single_use", invitation.singleUse());
        EventLog.record(tx, "invitation_used", new Actor(user, run.request().clientIp(), run.request().session()),
                context);
        run.context().remove(InvitationKeys.INVITATION);
    }
}
