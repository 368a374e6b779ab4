package dev.gatehouse.notification;

import dev.gatehouse.core.Event;
import dev.gatehouse.core.Json;
import dev.gatehouse.core.User;
import dev.gatehouse.core.Version;
import dev.gatehouse.mail.OutgoingMail;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one notification says, in each transport's shape: the recipient, the event, the rule's severity, and the body
 * (the event's summary: its context's {@code message}, else {@code action: context}, as authentik words it).
 */
record NotificationContent(User recipient, Event event, Severity severity, String body) {
    /** Slack and Discord refuse more fields than this in one attachment. */
    private static final int FIELD_LIMIT = 25;

    static NotificationContent of(User recipient, Event event, Severity severity) {
        return new NotificationContent(recipient, event, severity, summary(event));
    }

    static String summary(Event event) {
        if (event.context().get("message") instanceof String message) {
            return message;
        }
        return event.action() + ": " + Json.write(event.context());
    }

    /**
     * The generic webhook's JSON: authentik's default keys ({@code body}, {@code severity}, {@code user_email},
     * {@code user_username}, {@code event_user_email}, {@code event_user_username}) and the event itself, whose
     * {@code pk} lets a receiver drop a repeated delivery.
     */
    Map<String, Object> webhookBody() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("body", body());
        body.put("severity", severity.wire());
        body.put("user_email", recipient.email());
        body.put("user_username", recipient.username());
        if (!event.user().isEmpty()) {
            body.put("event_user_email", event.user().get("email"));
            body.put("event_user_username", event.user().get("username"));
        }
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("pk", event.pk().toString());
        e.put("action", event.action());
        e.put("app", event.app());
        e.put("context", event.context());
        e.put("client_ip", event.clientIp());
        e.put("created", event.created().toString());
        e.put("user", event.user());
        body.put("event", e);
        return body;
    }

    /** A Slack incoming webhook's message (Discord's Slack-compatible endpoint takes it too): one attachment. */
    Map<String, Object> slackBody() {
        List<Map<String, Object>> fields = new ArrayList<>();
        fields.add(field("Severity", severity.wire(), true));
        fields.add(field("Dispatched for user", recipient.username(), true));
        if (event.user().get("username") != null) {
            fields.add(field("Event user", String.valueOf(event.user().get("username")), true));
        }
        for (Map.Entry<String, Object> entry : event.context().entrySet()) {
            if (entry.getValue() instanceof String value && fields.size() < FIELD_LIMIT) {
                fields.add(field(cut(entry.getKey(), 256), cut(value, 1024), false));
            }
        }
        Map<String, Object> attachment = new LinkedHashMap<>();
        attachment.put("author_name", "Gatehouse");
        attachment.put("title", event.action());
        attachment.put("text", body());
        attachment.put("color", "#fd4b2d");
        attachment.put("fields", fields);
        attachment.put("footer", "Gatehouse " + Version.VALUE + " · event " + event.pk());
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("username", "Gatehouse");
        message.put("text", body());
        message.put("attachments", List.of(attachment));
        return message;
    }

    /** The notification as an email to the recipient: the event's action as subject, its facts as lines. */
    OutgoingMail email() {
        StringBuilder text = new StringBuilder(body()).append("\n\n");
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("action", event.action());
        facts.put("severity", severity.wire());
        facts.put("user_username", recipient.username());
        if (event.user().get("username") != null) {
            facts.put("event_user_username", event.user().get("username"));
        }
        facts.put("client_ip", event.clientIp());
        facts.put("created", event.created().toString());
        event.context().forEach((k, v) -> {
            if (v instanceof String s && !k.equals("message")) {
                facts.put(k, s);
            }
        });
        facts.put("event", event.pk().toString());
        facts.forEach((k, v) -> text.append(k).append(": ").append(v == null ? "" : v).append('\n'));
        StringBuilder html = new StringBuilder("<p>").append(escape(body())).append("</p><table>");
        facts.forEach((k, v) -> html.append("<tr><th align=\"left\">").append(escape(k)).append("</th><td>")
                .append(escape(v == null ? "" : v.toString())).append("</td></tr>"));
        html.append("</table>");
        return new OutgoingMail(recipient.email(), "Gatehouse Notification: " + event.action(), html.toString(),
                text.toString());
    }

    private static Map<String, Object> field(String title, String value, boolean isShort) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("title", title);
        f.put("value", value);
        f.put("short", isShort);
        return f;
    }

    private static String cut(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
