package dev.gatehouse.flow.engine;

import dev.gatehouse.core.User;
import dev.gatehouse.policy.engine.PolicyRequest;
import java.util.UUID;

/**
 * Who runs the flow and from where: the already signed-in user (or null), the client IP, HTTP facts,
 * whether an outpost runs it (LDAP/RADIUS binds run flows headless), and whether the browser reached us over
 * HTTPS (directly or through a trusted proxy: with {@code http.host} it makes the page's origin, which WebAuthn
 * checks). {@code session} is the signed-in browser session's id (null when none): a password the flow sets
 * ends the user's other sessions but this one.
 */
public record FlowRequest(User user, String clientIp, PolicyRequest.Http http, boolean outpost, boolean secure,
                          UUID session) {

    public FlowRequest(User user, String clientIp, PolicyRequest.Http http, boolean outpost, boolean secure) {
        this(user, clientIp, http, outpost, secure, null);
    }

    public FlowRequest(User user, String clientIp, PolicyRequest.Http http, boolean outpost) {
        this(user, clientIp, http, outpost, false);
    }

    public static FlowRequest headless(String clientIp) {
        return new FlowRequest(null, clientIp, PolicyRequest.Http.NONE, true);
    }
}
