package dev.gatehouse.lockdown;

import dev.gatehouse.flow.engine.ContextKey;
import java.util.List;

/**
 * The flow context keys of a lockdown flow. A lockdown of one user is planned with that user as the pending user
 * ({@code FlowKeys.PENDING_USER}); a bulk lockdown with the pks of its users under {@link #TARGETS}.
 */
public final class LockdownKeys {
    /** The pks of the users a bulk lockdown locks down (authentik's {@code lockdown_targets}). */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public static final ContextKey<List<Object>> TARGETS = new ContextKey<>("lockdown_targets", (Class) List.class);
    /** The prompt data field the reason is read from. */
    public static final String REASON_FIELD = "reason";

    private LockdownKeys() {
    }
}
