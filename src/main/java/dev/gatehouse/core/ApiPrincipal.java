package dev.gatehouse.core;

/** The caller of an API request: a user, whether it is a superuser, and the token it used. */
public record ApiPrincipal(User user, boolean superuser, Token token) {
}
