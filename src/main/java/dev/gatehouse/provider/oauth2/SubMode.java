package dev.gatehouse.provider.oauth2;

import dev.gatehouse.definition.Choice;
import java.util.Locale;

/** What an ID token's {@code sub} claim holds: a hash of the user's id (the default), the id, the UUID, the username, the email or the UPN. */
public enum SubMode implements Choice {
    HASHED_USER_ID, USER_ID, USER_UUID, USER_USERNAME, USER_EMAIL, USER_UPN;

    @Override
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
