package dev.gatehouse.notification;

import dev.gatehouse.core.Event;
import dev.gatehouse.core.EventHook;
import org.jooq.DSLContext;

/**
 * The outbox of notifications: every event recorded while at least one rule exists gets a {@code route} row in the
 * event's own transaction, so an event that committed is matched against the rules even if the process stops right
 * after the commit (the next process to run the deliverer takes the row). The commit wakes the deliverers of every
 * process ({@link NotificationQueue#TOPIC}). A failure to match is itself not routed, so it cannot feed itself.
 */
public final class NotificationOutbox implements EventHook {
    @Override
    public void recorded(DSLContext tx, Event event) {
        if ("system_task_exception".equals(event.action())
                && "event_trigger_handler".equals(event.context().get("task_name"))) {
            return;
        }
        if (new RuleStore(tx).any()) {
            NotificationQueue.addRoute(tx, event.pk(), event.created());
        }
    }
}
