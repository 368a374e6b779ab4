package dev.gatehouse.provider.oauth2;

import dev.gatehouse.definition.Choice;
import java.util.Locale;

/** Whether a provider's issuer is its own URL ({@code per_provider}) or the installation's ({@code global}). */
public enum IssuerMode implements Choice {
    PER_PROVIDER, GLOBAL;

    @Override
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
