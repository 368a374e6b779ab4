package dev.gatehouse.notification;

import dev.gatehouse.core.Event;
import dev.gatehouse.core.GroupStore;
import dev.gatehouse.core.PolicyEngineMode;
import dev.gatehouse.core.User;
import dev.gatehouse.core.UserStore;
import dev.gatehouse.policy.PolicyBinding;
import dev.gatehouse.policy.PolicyBindingStore;
import dev.gatehouse.policy.PolicyRequest;
import dev.gatehouse.policy.engine.PolicyEngine;
import dev.gatehouse.policy.event_matcher.EventMatcherPolicyType;
import dev.gatehouse.store.Database;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jooq.DSLContext;

/**
 * Matches one event against the notification rules, as authentik's {@code event_trigger_handler} does: a rule matches
 * when its bound policies pass in mode "any" for a request about the event's user carrying the event as
 * {@code context["event"]}; a rule without enabled bindings matches nothing. For each transport of a matching rule,
 * one delivery per recipient (the event's user when {@code destination_event_user}, then the members of the group),
 * or only the first with {@code send_once}.
 * <p>Loops are cut: an event recorded about a policy bound to a rule (its failure while matching) is not routed, and
 * a transport's own give-up event is not sent through that transport.
 */
final class EventRouter {
    /** The context key of a give-up event naming the transport that failed. */
    static final String FAILED_TRANSPORT = "notification_transport_pk";

    /** One notification to send: for a rule, through a transport, to a user. */
    record Delivery(UUID rule, UUID transport, long user) {
    }

    private final Database db;
    private final PolicyEngine policies;

    EventRouter(Database db, PolicyEngine policies) {
        this.db = db;
        this.policies = policies;
    }

    List<Delivery> route(Event event) {
        DSLContext dsl = db.dsl();
        List<Rule> rules = new RuleStore(dsl).all();
        if (rules.isEmpty() || aboutRulePolicy(dsl, event, rules)) {
            return List.of();
        }
        Object userPk = event.user().get("pk");
        User user = userPk instanceof Number n ? new UserStore(dsl).byPk(n.longValue()).orElse(null) : null;
        PolicyRequest request = new PolicyRequest(user, event.clientIp(), PolicyRequest.Http.NONE,
                Map.of(EventMatcherPolicyType.EVENT, event));
        List<Delivery> out = new ArrayList<>();
        for (Rule rule : rules) {
            boolean bound = new PolicyBindingStore(dsl).ofTarget(rule.pk()).stream().anyMatch(PolicyBinding::enabled);
            if (!bound || !policies.evaluate(rule.pk(), PolicyEngineMode.ANY, request).passing()) {
                continue;
            }
            List<Long> recipients = recipients(dsl, rule, user);
            for (UUID transport : rule.transports()) {
                if (transport.toString().equals(String.valueOf(event.context().get(FAILED_TRANSPORT)))) {
                    continue;
                }
                boolean once = sendOnce(dsl, transport);
                for (long recipient : recipients) {
                    out.add(new Delivery(rule.pk(), transport, recipient));
                    if (once) {
                        break;
                    }
                }
            }
        }
        return out;
    }

    private static boolean sendOnce(DSLContext dsl, UUID transport) {
        return dsl.select(NotificationTables.Transports.SEND_ONCE).from(NotificationTables.Transports.T)
                .where(NotificationTables.Transports.UUID_.eq(transport))
                .fetchOptional(NotificationTables.Transports.SEND_ONCE).orElse(false);
    }

    /** The event's user (when the rule says so), then the group's direct members, each once. */
    private static List<Long> recipients(DSLContext dsl, Rule rule, User eventUser) {
        Set<Long> out = new LinkedHashSet<>();
        if (rule.destinationEventUser() && eventUser != null) {
            out.add(eventUser.pk());
        }
        if (rule.destinationGroup() != null) {
            out.addAll(new GroupStore(dsl).members(rule.destinationGroup()));
        }
        return List.copyOf(out);
    }

    /** Whether the event is about a policy bound to any rule (authentik's guard against endless loops). */
    private static boolean aboutRulePolicy(DSLContext dsl, Event event, List<Rule> rules) {
        if (!(event.context().get("policy") instanceof Map<?, ?> policy) || policy.get("pk") == null) {
            return false;
        }
        String pk = String.valueOf(policy.get("pk"));
        for (Rule rule : rules) {
            for (PolicyBinding b : new PolicyBindingStore(dsl).ofTarget(rule.pk())) {
                if (b.policy() != null && b.policy().toString().equals(pk)) {
                    return true;
                }
            }
        }
        return false;
    }
}
