package dev.gatehouse.expression;

/**
 * Answers {@code ak_user_has_authenticator(user)}: whether the user with this pk has at least one confirmed
 * authenticator device of any class. Called only when an expression calls the function, at most once per user
 * and evaluation.
 */
@FunctionalInterface
public interface AuthenticatorLookup {
    boolean hasAuthenticator(long userPk);
}
