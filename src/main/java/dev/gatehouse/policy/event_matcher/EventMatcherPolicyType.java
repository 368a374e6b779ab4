package dev.gatehouse.policy.event_matcher;

import dev.gatehouse.core.Event;
import dev.gatehouse.definition.Definition;
import dev.gatehouse.definition.Field;
import dev.gatehouse.policy.PolicyOutcome;
import dev.gatehouse.policy.PolicyRequest;
import dev.gatehouse.policy.PolicyType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Passes when the event in the request's context ({@code context["event"]}, as notification rules evaluate it)
 * matches every criterion that is set: its action, the app that recorded it, its client IP (exact), and the model it
 * is about ({@code <app>.<model_name>} of the context's {@code model}, e.g. {@code authentik_core.user}). An empty
 * criterion matches everything; a request without an event does not pass. authentik's {@code EventMatcherPolicy}.
 */
public final class EventMatcherPolicyType implements PolicyType {
    public static final String NAME = "event_matcher";
    /** The context key notification rules put the event under. */
    public static final String EVENT = "event";

    @Override
    public String name() {
        return NAME;
    }

    /** The policy's config as its evaluation reads it; null or empty means "any". */
    public record Config(String action, String app, String model, String clientIp) {
        public static final Field<String> ACTION = Field.string("action").nullable()
                .help("Match created events with this action type (login_failed, model_created, …). When left empty, "
                        + "all action types will be matched.");
        public static final Field<String> APP = Field.string("app").nullable()
                .help("Match events created by this application (gatehouse.core). When left empty, all applications "
                        + "are matched.");
        public static final Field<String> MODEL = Field.string("model").nullable()
                .help("Match events about this model, as app.model_name (authentik_core.user). When left empty, all "
                        + "models are matched.");
        public static final Field<String> CLIENT_IP = Field.string("client_ip").nullable()
                .help("Matches the event's client IP (strict matching; for network matching use an expression policy).");

        public static final Definition<Config> DEFINITION = Definition.define("event_matcher_policy",
                        "EventMatcherPolicy")
                .field(ACTION, APP, MODEL, CLIENT_IP)
                .build(v -> new Config(v.get(ACTION), v.get(APP), v.get(MODEL), v.get(CLIENT_IP)));
    }

    @Override
    public Definition<Config> config() {
        return Config.DEFINITION;
    }

    @Override
    public PolicyOutcome evaluate(Map<String, Object> config, PolicyRequest request) {
        if (!(request.context().get(EVENT) instanceof Event event)) {
            return new PolicyOutcome.Decided(false, List.of());
        }
        Config c = Config.DEFINITION.typed(config);
        List<String> messages = new ArrayList<>();
        boolean passing = check(c.action(), event.action(), "Action matched.", messages)
                & check(c.clientIp(), event.clientIp(), "Client IP matched.", messages)
                & check(c.app(), event.app(), "App matched.", messages)
                & check(c.model(), modelOf(event), "Model matched.", messages);
        return new PolicyOutcome.Decided(passing, messages);
    }

    /** A set criterion: whether it equals the event's value (its message noted); an unset one is left out. */
    private static boolean check(String wanted, String actual, String message, List<String> messages) {
        if (wanted == null || wanted.isEmpty()) {
            return true;
        }
        messages.add(message);
        return Objects.equals(wanted, actual);
    }

    /** {@code <app>.<model_name>} of the event's {@code model} context entry. */
    static String modelOf(Event event) {
        Object model = event.context().get("model");
        if (model instanceof Map<?, ?> m) {
            return m.get("app") + "." + m.get("model_name");
        }
        return "None.None";
    }
}
