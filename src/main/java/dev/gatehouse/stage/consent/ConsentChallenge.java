package dev.gatehouse.stage.consent;

import dev.gatehouse.flow.engine.Challenge;
import java.util.List;
import java.util.Map;

/** {@code ak-stage-consent}: asks the user to let the application access what it requests. */
public record ConsentChallenge(String headerText, List<Map<String, String>> permissions,
                               List<Map<String, String>> additionalPermissions, String token, String pendingUser)
        implements Challenge {
    public static final String COMPONENT = "ak-stage-consent";

    @Override
    public String component() {
        return COMPONENT;
    }
}
