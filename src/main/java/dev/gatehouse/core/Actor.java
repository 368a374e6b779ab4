package dev.gatehouse.core;

import java.util.UUID;

/**
 * Who does something, from where, and in which browser session ({@code session} null for a token, a headless
 * flow or the system): recorded on every event; the session is the one a password change keeps. {@code user}
 * is null for the system.
 */
public record Actor(User user, String clientIp, UUID session) {
    public static final Actor SYSTEM = new Actor(null, null);

    public Actor(User user, String clientIp) {
        this(user, clientIp, null);
    }
}
