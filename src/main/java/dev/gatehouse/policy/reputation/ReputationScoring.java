package dev.gatehouse.policy.reputation;

import dev.gatehouse.core.Event;
import dev.gatehouse.core.EventHook;
import java.util.Map;
import org.jooq.DSLContext;

/**
 * Moves reputation scores from sign-in events, in the event's transaction: {@code login_failed} lowers the score of
 * the (username tried, client IP) pair by one, {@code login} raises the signed-in user's by one (authentik's
 * reputation signals). Events without a client IP or a username change nothing.
 */
public final class ReputationScoring implements EventHook {
    @Override
    public void recorded(DSLContext tx, Event event) {
        String ip = event.clientIp();
        if (ip == null || ip.isBlank()) {
            return;
        }
        switch (event.action()) {
            case "login_failed" -> change(tx, event.context(), ip, -1, event);
            case "login" -> change(tx, event.user(), ip, 1, event);
            default -> {
            }
        }
    }

    private static void change(DSLContext tx, Map<String, Object> holder, String ip, long amount, Event event) {
        if (holder != null && holder.get("username") instanceof String username && !username.isEmpty()) {
            new ReputationStore(tx).change(username, ip, amount, event.created());
        }
    }
}
