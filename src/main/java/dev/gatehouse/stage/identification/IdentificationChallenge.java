package dev.gatehouse.stage.identification;

import dev.gatehouse.flow.engine.CredentialPrompt;
import java.util.List;
import java.util.Map;

/**
 * {@code ak-stage-identification}: asks who the user is (and the password, when the stage has one). With
 * {@code enable_remember_me} the page offers "Remember me on this device"; a remembered identifier comes back as
 * {@code pending_user_identifier}.
 */
public record IdentificationChallenge(List<?> userFields, Boolean passwordFields, String enrollUrl, String recoveryUrl,
                                      String passwordlessUrl, String primaryAction, String pendingUserIdentifier,
                                      String flowDesignation, Boolean showSourceLabels, List<?> sources,
                                      Map<String, Object> passkeyChallenge, Boolean enableRememberMe)
        implements CredentialPrompt.Identifier {
    public static final String COMPONENT = "ak-stage-identification";

    @Override
    public String component() {
        return COMPONENT;
    }

    @Override
    public boolean withPassword() {
        return Boolean.TRUE.equals(passwordFields);
    }

    /** "Username, "Email" or "Username or email", from {@code user_fields}. */
    public String uidLabel() {
        List<?> list = userFields == null ? List.of() : userFields;
        boolean user = list.contains("username");
        boolean email = list.contains("email");
        return user && email ? "Username or email" : email ? "Email" : "Username";
    }

    /** The passkey request options as JSON for the page's script, or null without a passkey login. */
    public String passkeyJson() {
        return passkeyChallenge == null ? null : dev.gatehouse.core.Json.write(passkeyChallenge);
    }
}
