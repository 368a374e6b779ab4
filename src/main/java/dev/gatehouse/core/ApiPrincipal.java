package dev.gatehouse.core;

import java.util.UUID;

/**
 * The caller of an API request: a user, whether it is a superuser, and the credential it used — the
 * token ({@code session} null) or the browser session's id ({@code token} null).
 */
public record ApiPrincipal(User user, boolean superuser, Token token, UUID session) {

    /** A caller authenticated by a token. */
    public ApiPrincipal(User user, boolean superuser, Token token) {
        this(user, superuser, token, null);
    }
}
