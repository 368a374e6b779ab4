package dev.gatehouse.policy.event_matcher;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.core.Event;
import dev.gatehouse.policy.PolicyOutcome;
import dev.gatehouse.policy.PolicyRequest;
import dev.gatehouse.policy.PolicyTypes;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The event matcher: each criterion that is set must match the event in {@code context["event"]}, as authentik's. */
class EventMatcherPolicyTypeTest {
    private final EventMatcherPolicyType type = new EventMatcherPolicyType();

    private static Event event(String action, String clientIp, Map<String, Object> context) {
        return new Event(UUID.randomUUID(), action, Map.of("pk", 7, "username", "alice"), "gatehouse.core", context,
                clientIp, Map.of(), Instant.now(), Instant.now().plusSeconds(60));
    }

    private static Event modelCreated(String modelName) {
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("app", "authentik_core");
        model.put("model_name", modelName);
        model.put("pk", 5);
        return event("model_created", "192.0.2.7", Map.of("model", model));
    }

    private boolean passes(Map<String, Object> config, Event event) {
        PolicyRequest request = new PolicyRequest(null, null, PolicyRequest.Http.NONE,
                event == null ? Map.of() : Map.of(EventMatcherPolicyType.EVENT, event));
        Map<String, Object> full = new HashMap<>(type.defaults());
        full.putAll(config);
        return ((PolicyOutcome.Decided) type.evaluate(full, request)).passing();
    }

    @Test
    void isRegisteredUnderAuthentiksName() {
        assertThat(PolicyTypes.byName("event_matcher")).containsInstanceOf(EventMatcherPolicyType.class);
        assertThat(type.component()).isEqualTo("ak-policy-event-matcher-form");
        assertThat(type.metaModelName()).isEqualTo("authentik_policies_event_matcher.eventmatcherpolicy");
        assertThat(type.defaults()).containsOnlyKeys("action", "app", "model", "client_ip");
    }

    @Test
    void withoutAnEventInTheContextItDoesNotPass() {
        assertThat(passes(Map.of(), null)).isFalse();
    }

    @Test
    void withNoCriteriaEveryEventPasses() {
        assertThat(passes(Map.of(), event("login", "192.0.2.7", Map.of()))).isTrue();
    }

    @Test
    void theActionMustBeEqual() {
        Map<String, Object> config = Map.of("action", "login_failed");
        assertThat(passes(config, event("login_failed", "192.0.2.7", Map.of()))).isTrue();
        assertThat(passes(config, event("login", "192.0.2.7", Map.of()))).isFalse();
        assertThat(passes(Map.of("action", "account_lockdown_triggered"),
                event("account_lockdown_triggered", null, Map.of("reason", "stolen laptop")))).isTrue();
    }

    @Test
    void theClientIpIsMatchedStrictly() {
        Map<String, Object> config = Map.of("client_ip", "192.0.2.7");
        assertThat(passes(config, event("login", "192.0.2.7", Map.of()))).isTrue();
        assertThat(passes(config, event("login", "192.0.2.70", Map.of()))).isFalse();
        assertThat(passes(config, event("login", null, Map.of()))).isFalse();
    }

    @Test
    void theAppIsTheOneThatRecordedTheEvent() {
        assertThat(passes(Map.of("app", "gatehouse.core"), event("login", null, Map.of()))).isTrue();
        assertThat(passes(Map.of("app", "authentik.core"), event("login", null, Map.of()))).isFalse();
    }

    @Test
    void theModelIsAppDotModelNameOfTheContextsModel() {
        assertThat(passes(Map.of("model", "authentik_core.user"), modelCreated("user"))).isTrue();
        assertThat(passes(Map.of("model", "authentik_core.user"), modelCreated("group"))).isFalse();
        assertThat(passes(Map.of("model", "authentik_core.user"), event("login", null, Map.of()))).isFalse();
    }

    @Test
    void everySetCriterionMustMatchAndEmptyOnesAreIgnored() {
        Map<String, Object> config = new HashMap<>();
        config.put("action", "model_created");
        config.put("model", "authentik_core.user");
        config.put("client_ip", "");
        config.put("app", null);
        assertThat(passes(config, modelCreated("user"))).isTrue();
        config.put("client_ip", "198.51.100.1");
        assertThat(passes(config, modelCreated("user"))).isFalse();
        PolicyOutcome.Decided d = (PolicyOutcome.Decided) type.evaluate(config,
                new PolicyRequest(null, null, null, Map.of(EventMatcherPolicyType.EVENT, modelCreated("user"))));
        assertThat(d.messages()).containsExactly("Action matched.", "Client IP matched.", "Model matched.");
        assertThat(List.of(d.passing())).containsExactly(false);
    }
}
