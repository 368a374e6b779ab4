package dev.gatehouse.provider.oauth2.authorize;

import dev.gatehouse.flow.engine.Challenge;
import java.util.Map;

/** {@code ak-stage-autosubmit}: a form the browser posts to {@code url} by itself (OAuth2 form_post). */
public record AutosubmitChallenge(String title, String url, Map<String, String> attrs) implements Challenge {
    public static final String COMPONENT = "ak-stage-autosubmit";

    @Override
    public String component() {
        return COMPONENT;
    }
}
