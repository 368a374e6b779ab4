package dev.gatehouse.flow.engine;

import dev.gatehouse.core.User;
import java.time.Duration;

/**
 * Something a stage asks the caller of the flow to do that is not the flow's own state: start a
 * session (user_login) or end it (user_logout), or remember who signed in on this browser. The web adapter turns these into cookies; a headless
 * caller (an LDAP bind) reads {@link Login} as "authenticated".
 */
public sealed interface FlowEffect {

    /**
     * {@code lifetime} zero = a browser session; {@code terminateOthers} ends the user's other sessions
     * first (user_login's terminate_other_sessions). {@code amr} says how the user signed in
     * ({@link AuthMethods#amr}); the session and the tokens issued for it repeat it.
     */
    record Login(User user, Duration lifetime, boolean terminateOthers, java.util.List<String> amr)
            implements FlowEffect {
        public Login {
            amr = amr == null ? java.util.List.of() : java.util.List.copyOf(amr);
        }

        public Login(User user, Duration lifetime, boolean terminateOthers) {
            this(user, lifetime, terminateOthers, java.util.List.of());
        }

        public Login(User user, Duration lifetime) {
            this(user, lifetime, false);
        }
    }

    record Logout() implements FlowEffect {
    }

    /**
     * Remember {@code identifier} in this browser for the identification stage's next run ("Remember me on this
     * device"), or forget the one remembered when it is null.
     */
    record Remember(String identifier) implements FlowEffect {
    }
}
