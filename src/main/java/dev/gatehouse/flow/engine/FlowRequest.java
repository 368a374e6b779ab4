package dev.gatehouse.flow.engine;

import dev.gatehouse.core.User;
import dev.gatehouse.policy.engine.PolicyRequest;

/**
 * Who runs the flow and from where: the already signed-in user (or null), the client IP, HTTP facts,
 * and whether an outpost runs it (LDAP/RADIUS binds run flows headless).
 */
public record FlowRequest(User user, String clientIp, PolicyRequest.Http http, boolean outpost) {

    public static FlowRequest headless(String clientIp) {
        return new FlowRequest(null, clientIp, PolicyRequest.Http.NONE, true);
    }
}
