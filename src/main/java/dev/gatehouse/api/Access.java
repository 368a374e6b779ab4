package dev.gatehouse.api;

/** Who may call a route. */
public enum Access {
    /** Anyone, no credentials. */
    PUBLIC,
    /** Any authenticated user; the handler limits what it shows. */
    AUTHENTICATED,
    /** Superusers only. */
    SUPERUSER
}
