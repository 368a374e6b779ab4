package dev.gatehouse.notification;

import dev.gatehouse.definition.Definition;
import dev.gatehouse.definition.Field;
import java.net.URI;

/**
 * A create or change of a transport; null means "not given". {@link #DEFINITION} declares the fields as requests give
 * them: authentik's {@code NotificationTransportSerializer} ({@code mode_verbose} shown only) plus Gatehouse's
 * write-only {@code webhook_secret}, which signs the webhook body.
 */
public record TransportChanges(String name, String mode, String webhookUrl, String webhookSecret, Boolean sendOnce) {
    public static final Field<String> NAME = Field.string("name").required().notBlank()
            .help("A unique name, by which rules pick the transport.");
    public static final Field<String> MODE = Field.choice("mode", TransportMode.class).byDefault(TransportMode.LOCAL)
            .help("local: shown in the user interface; webhook: a POST of JSON; webhook_slack: a Slack (or Discord) "
                    + "incoming webhook; email: through the global email settings.");
    public static final Field<String> WEBHOOK_URL = Field.string("webhook_url").byDefault("")
            .problem(TransportChanges::urlProblem)
            .help("Where webhook and webhook_slack transports POST to (http or https).");
    public static final Field<String> WEBHOOK_SECRET = Field.string("webhook_secret").writeOnly()
            .help("When set, each webhook request carries X-Gatehouse-Signature: sha256=<HMAC-SHA256 of the body with "
                    + "this secret>, so the receiver can check it came from here. Never shown again; left empty in a "
                    + "form it stays as it is (the API removes it when given \"\").");
    public static final Field<Boolean> SEND_ONCE = Field.bool("send_once").byDefault(false)
            .help("Only send notification once, for example when sending a webhook into a chat channel.");
    public static final Field<String> MODE_VERBOSE = Field.shown("mode_verbose", dev.gatehouse.definition.Kind.STRING);

    public static final Definition<TransportChanges> DEFINITION = Definition.define("notification_transport",
                    "NotificationTransport")
            .field(NAME, MODE, MODE_VERBOSE, WEBHOOK_URL, WEBHOOK_SECRET, SEND_ONCE)
            .build(v -> new TransportChanges(v.get(NAME), v.get(MODE), v.get(WEBHOOK_URL), v.get(WEBHOOK_SECRET),
                    v.get(SEND_ONCE)));

    /** Why a webhook URL is refused, or null: only absolute http and https URLs with a host are sent to. */
    static String urlProblem(String url) {
        if (url == null || url.isEmpty()) {
            return null;
        }
        try {
            URI u = new URI(url);
            String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(java.util.Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https")) {
                return "Enter a valid URL: only http and https are allowed.";
            }
            if (u.getHost() == null || u.getHost().isEmpty()) {
                return "Enter a valid URL.";
            }
            return null;
        } catch (java.net.URISyntaxException e) {
            return "Enter a valid URL.";
        }
    }
}
