package dev.gatehouse.web.ui;

import java.util.List;
import java.util.Map;

/**
 * What a flow page shows: the brand and flow titles, the form's target and CSRF token, and the current
 * challenge (component, fields, errors) or the message of a denied flow.
 */
public record FlowPage(String brandTitle, String flowTitle, String action, String formToken, String component,
                       Map<String, Object> fields, Map<String, List<String>> errors, String message) {

    public boolean is(String name) {
        return name.equals(component);
    }

    public String title() {
        return flowTitle == null || flowTitle.isBlank() ? brandTitle : flowTitle + " – " + brandTitle;
    }

    /** "Username", "Email" or "Username or email", from the identification stage's user_fields. */
    public String uidLabel() {
        Object f = fields.get("user_fields");
        List<?> list = f instanceof List<?> l ? l : List.of("username");
        boolean user = list.contains("username");
        boolean email = list.contains("email");
        return user && email ? "Username or email" : email ? "Email" : "Username";
    }

    public boolean passwordFields() {
        return Boolean.TRUE.equals(fields.get("password_fields"));
    }

    public String text(String field) {
        Object v = fields.get(field);
        return v == null ? null : v.toString();
    }

    /** A field as JSON text (WebAuthn options handed to the page's script), or null when absent. */
    public String json(String field) {
        Object v = fields.get(field);
        return v == null ? null : dev.gatehouse.core.Json.write(v);
    }

    /** A list field of maps (consent permissions, prompt fields); anything else reads as empty. */
    @SuppressWarnings("unchecked")
    public List<Map<String, Object>> items(String field) {
        Object v = fields.get(field);
        if (!(v instanceof List<?> list)) {
            return List.of();
        }
        return list.stream().filter(Map.class::isInstance).map(m -> (Map<String, Object>) m).toList();
    }

    /** A map field of names to values ({@code ak-stage-autosubmit}'s attrs); anything else reads as empty. */
    public Map<String, String> attrs() {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        if (fields.get("attrs") instanceof Map<?, ?> m) {
            m.forEach((k, v) -> out.put(String.valueOf(k), String.valueOf(v)));
        }
        return out;
    }

    /** The fields of an {@code ak-stage-prompt} challenge, in the order the stage sent them. */
    public List<PromptInput> promptFields() {
        return items("fields").stream().map(PromptInput::of).toList();
    }

    /** Errors for one field, and those not tied to a field ({@code non_field_errors}). */
    public List<String> errorsFor(String field) {
        return errors.getOrDefault(field, List.of());
    }

    /** The QR code of an {@code ak-stage-authenticator-totp} challenge's {@code config_url}, as inline SVG. */
    public String qrSvg() {
        String url = text("config_url");
        return url == null ? "" : QrSvg.of(url);
    }

    /** The base32 secret of the {@code config_url}, for typing into an app that cannot scan. */
    public String otpSecret() {
        String url = text("config_url");
        if (url == null || url.indexOf('?') < 0) {
            return "";
        }
        for (String pair : url.substring(url.indexOf('?') + 1).split("&")) {
            if (pair.startsWith("secret=")) {
                return pair.substring("secret=".length());
            }
        }
        return "";
    }

    /** The codes of an {@code ak-stage-authenticator-static} challenge. */
    public List<String> codes() {
        return fields.get("codes") instanceof List<?> l ? l.stream().map(String::valueOf).toList() : List.of();
    }

    /** The device class the validate challenge asks for now: the selected one, else the first offered. */
    public String selectedClass() {
        if (fields.get("selected_challenge") instanceof Map<?, ?> m) {
            return String.valueOf(m.get("device_class"));
        }
        List<Map<String, Object>> devices = items("device_challenges");
        return devices.isEmpty() ? "" : String.valueOf(devices.getFirst().get("device_class"));
    }

    /**
     * The selected device challenge's {@code challenge} as JSON (for WebAuthn, the request options the page hands
     * to {@code navigator.credentials.get}); null when there is none.
     */
    public String selectedChallengeOptions() {
        Object selected = fields.get("selected_challenge");
        if (!(selected instanceof Map<?, ?>)) {
            List<Map<String, Object>> devices = items("device_challenges");
            selected = devices.isEmpty() ? null : devices.getFirst();
        }
        return selected instanceof Map<?, ?> m && m.get("challenge") instanceof Map<?, ?> c && !c.isEmpty()
                ? dev.gatehouse.core.Json.write(c) : null;
    }

    /** The other device classes the user may answer with instead, one {@code <class>:<uid>} per class. */
    public Map<String, String> otherClasses() {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        String selected = selectedClass();
        for (Map<String, Object> d : items("device_challenges")) {
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

    public boolean hasErrors() {
        return !errors.isEmpty();
    }
}
