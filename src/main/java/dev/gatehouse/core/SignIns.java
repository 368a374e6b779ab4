package dev.gatehouse.core;

import java.util.UUID;
import org.jooq.DSLContext;

/**
 * The ways a user stays signed in once its password was checked (browser sessions, the proxy sessions and tokens
 * that hang off them, OAuth refresh tokens). {@link UserService} ends them when a password is set or changed.
 */
public interface SignIns {
    /** Ends every sign-in of {@code user} but the browser session {@code keep} (null: all), in {@code dsl}'s transaction. */
    void endAllBut(DSLContext dsl, long user, UUID keep);
}
