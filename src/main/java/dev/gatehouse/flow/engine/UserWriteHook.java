package dev.gatehouse.flow.engine;

import dev.gatehouse.core.User;
import org.jooq.DSLContext;

/**
 * Something that must happen together with the user_write stage's write of a user, in the same database
 * transaction: an invitation used up by the enrollment it let through. The user_write stage calls every registered
 * hook ({@code META-INF/services/dev.gatehouse.flow.engine.UserWriteHook}, {@link UserWriteHooks}) right after it
 * wrote the user and before the transaction commits, so it needs to name none of them.
 */
public interface UserWriteHook {

    /**
     * Called inside the transaction {@code tx} that wrote {@code user} for the plan of {@code run}. Throwing
     * {@link Refused} undoes the write: nothing of it is committed and the flow ends with the exception's message.
     */
    void written(StageRun run, DSLContext tx, User user);

    /** Refuses the write with a message for the user (no stack trace is kept: it is an expected outcome). */
    final class Refused extends RuntimeException {
        public Refused(String message) {
            super(message, null, false, false);
        }
    }
}
