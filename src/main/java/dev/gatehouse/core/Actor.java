package dev.gatehouse.core;

/** Who does something and from where: recorded on every event. {@code user} is null for the system. */
public record Actor(User user, String clientIp) {
    public static final Actor SYSTEM = new Actor(null, null);
}
