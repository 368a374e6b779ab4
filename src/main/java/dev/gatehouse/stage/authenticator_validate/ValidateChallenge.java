package dev.gatehouse.stage.authenticator_validate;

import dev.gatehouse.flow.engine.CredentialPrompt;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code ak-stage-authenticator-validate}: asks the user to answer with one of their devices (one challenge per
 * device class), or to choose an authenticator to set up when they have none.
 */
public record ValidateChallenge(String pendingUser, List<Map<String, Object>> deviceChallenges,
                                List<Map<String, Object>> configurationStages, Map<String, Object> selectedChallenge)
        implements CredentialPrompt.OneTimeCode {
    public static final String COMPONENT = "ak-stage-authenticator-validate";

    @Override
    public String component() {
        return COMPONENT;
    }

    /** The device class the page asks for now: the selected one, else the first offered. */
    public String selectedClass() {
        if (selectedChallenge != null) {
            return String.valueOf(selectedChallenge.get("device_class"));
        }
        return deviceChallenges.isEmpty() ? "" : String.valueOf(deviceChallenges.getFirst().get("device_class"));
    }

    /**
     * The selected device challenge's {@code challenge} as JSON (for WebAuthn, the request options the page hands
     * to {@code navigator.credentials.get}); null when there is none.
     */
    public String selectedChallengeOptions() {
        Map<String, Object> selected = selectedChallenge != null ? selectedChallenge
                : deviceChallenges.isEmpty() ? null : deviceChallenges.getFirst();
        return selected != null && selected.get("challenge") instanceof Map<?, ?> c && !c.isEmpty()
                ? dev.gatehouse.core.Json.write(c) : null;
    }

    /** The other device classes the user may answer with instead, one {@code <class>:<uid>} per class. */
    public Map<String, String> otherClasses() {
        Map<String, String> out = new LinkedHashMap<>();
        String selected = selectedClass();
        for (Map<String, Object> d : deviceChallenges) {
            String type = String.valueOf(d.get("device_class"));
            if (!type.equals(selected)) {
                out.putIfAbsent(type, type + ":" + d.get("device_uid"));
            }
        }
        return out;
    }

    /** How the page names a device class, with its article. */
    public static String className(String deviceClass) {
        return switch (deviceClass) {
            case "totp" -> "an authenticator app";
            case "static" -> "a recovery code";
            case "webauthn" -> "a security key or passkey";
            default -> deviceClass;
        };
    }
}
