package dev.gatehouse.provider.oauth2;

import dev.gatehouse.definition.Choice;
import java.util.Locale;

/** An OAuth2 client's type: a {@code confidential} client authenticates with its secret, a {@code public} one cannot keep a secret (PKCE). */
public enum ClientType implements Choice {
    CONFIDENTIAL, PUBLIC;

    @Override
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
