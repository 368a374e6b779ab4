package dev.gatehouse.flow.engine;

/**
 * Thrown by a stage that cannot finish what this request started and must leave nothing of it behind (the email
 * stage when the message it must deliver now cannot be sent). The flow runner runs every request in one
 * transaction: it rolls all of it back (a user written a moment earlier, its groups and events, a consumed
 * invitation, the plan's step), shows the plan's current challenge as it was stored, with {@code message} as an
 * error not tied to a field, and then runs {@code afterRollback} (outside the transaction, so what it writes stays).
 * Headless callers, which run no such transaction, see it as a failure of the flow.
 */
public final class FlowRollback extends RuntimeException {
    private final transient Runnable afterRollback;

    public FlowRollback(String message, Runnable afterRollback) {
        super(message, null, false, false);
        this.afterRollback = afterRollback == null ? () -> { } : afterRollback;
    }

    /** What to do once the request's writes are undone (record the failure). */
    public Runnable afterRollback() {
        return afterRollback;
    }
}
