package dev.gatehouse.flow.engine;

import dev.gatehouse.core.User;
import dev.gatehouse.policy.PolicyRequest;
import java.util.UUID;

/**
 * Who runs the flow and from where: the already signed-in user (or null), the client IP, HTTP facts,
 * whether an outpost runs it (LDAP/RADIUS binds run flows headless), the base URL browsers reach this server
 * at ({@code RequestOrigin.baseUrl}: the configured external URL, else the request's scheme and host; it makes the
 * WebAuthn relying party), null for a headless caller, and the signed-in browser session's id ({@code session},
 * null when none): a password the flow sets ends the user's other sessions but this one.
 */
public record FlowRequest(User user, String clientIp, PolicyRequest.Http http, boolean outpost, String baseUrl,
                          UUID session) {

    public FlowRequest(User user, String clientIp, PolicyRequest.Http http, boolean outpost, String baseUrl) {
        this(user, clientIp, http, outpost, baseUrl, null);
    }

    public FlowRequest(User user, String clientIp, PolicyRequest.Http http, boolean outpost) {
        this(user, clientIp, http, outpost, null);
    }

    public static FlowRequest headless(String clientIp) {
        return new FlowRequest(null, clientIp, PolicyRequest.Http.NONE, true);
    }
}
