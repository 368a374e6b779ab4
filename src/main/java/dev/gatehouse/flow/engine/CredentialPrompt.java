package dev.gatehouse.flow.engine;

/**
 * A challenge that asks for part of a login's credentials, so a client without a person (an LDAP bind) can answer
 * it from the credentials it was given. Stage challenges implement the kind they are.
 */
public interface CredentialPrompt extends Challenge {

    /** Asks who the user is ({@code uid_field}), and with it the password when {@link #withPassword()}. */
    interface Identifier extends CredentialPrompt {
        boolean withPassword();
    }

    /** Asks the identified user's password ({@code password}). */
    interface Password extends CredentialPrompt {
    }

    /** Asks a one-time code from one of the user's authenticators ({@code code}). */
    interface OneTimeCode extends CredentialPrompt {
    }

    /** Asks whether to stay signed in ({@code remember_me}). */
    interface StaySignedIn extends CredentialPrompt {
    }
}
