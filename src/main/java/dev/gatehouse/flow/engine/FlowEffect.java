package dev.gatehouse.flow.engine;

import dev.gatehouse.core.User;
import java.time.Duration;

/**
 * Something a stage asks the caller of the flow to do that is not the flow's own state: start a
 * session (user_login) or end it (user_logout). The web adapter turns these into cookies; a headless
 * caller (an LDAP bind) reads {@link Login} as "authenticated".
 */
public sealed interface FlowEffect {

    /**
     * {@code lifetime} zero = a browser session; {@code terminateOthers} ends the user's other sessions
     * first (user_login's terminate_other_sessions).
     */
    record Login(User user, Duration lifetime, boolean terminateOthers) implements FlowEffect {
        public Login(User user, Duration lifetime) {
            this(user, lifetime, false);
        }
    }

    record Logout() implements FlowEffect {
    }
}
