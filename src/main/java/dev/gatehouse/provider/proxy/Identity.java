package dev.gatehouse.provider.proxy;

import io.helidon.http.Header;
import java.time.Instant;

/**
 * What forward auth answers for a signed-in user, computed once and kept in memory: whether the application's
 * bindings let the user in (and the message when not), the response headers of a 200, and the access token
 * those carry (with its expiry, so a reload can keep it).
 */
public record Identity(long user, boolean allowed, String denial, Header[] headers, String jwt, Instant jwtExpires) {
    @Override
    public String toString() {
        return "Identity[user=" + user + ", allowed=" + allowed + "]";
    }
}
