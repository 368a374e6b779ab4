package dev.gatehouse.flow;

import dev.gatehouse.core.Actor;
import dev.gatehouse.core.EventLog;
import dev.gatehouse.stage.StageType;
import dev.gatehouse.stage.StageTypes;
import dev.gatehouse.store.Stores;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The flows a new installation starts with, created once (inside the bootstrap transaction) and then left
 * to the admin: they are ordinary data that can be rebound through the API. A flow whose slug already
 * exists is never touched.
 */
public final class DefaultFlows {
    public static final String AUTHENTICATION = "default-authentication-flow";
    public static final String INVALIDATION = "default-invalidation-flow";
    static final String MARKER = "defaults.flows.v1";

    private DefaultFlows() {
    }

    public static void ensure(Stores s) {
        if (s.state().get(MARKER).isPresent()) {
            return;
        }
        UUID authentication = s.flows().bySlug(AUTHENTICATION).map(Flow::pk).orElseGet(() -> {
            Flow f = flow(s, AUTHENTICATION, "Welcome to authentik!", "authentication");
            bind(s, f, 10, stage(s, "default-authentication-identification", "identification",
                    Map.of("user_fields", List.of("username", "email"))));
            bind(s, f, 20, stage(s, "default-authentication-password", "password", Map.of()));
            bind(s, f, 100, stage(s, "default-authentication-login", "user_login", Map.of()));
            return f.pk();
        });
        UUID invalidation = s.flows().bySlug(INVALIDATION).map(Flow::pk).orElseGet(() -> {
            Flow f = flow(s, INVALIDATION, "Logout", "invalidation");
            bind(s, f, 0, stage(s, "default-invalidation-logout", "user_logout", Map.of()));
            return f.pk();
        });
        s.brands().defaultBrand().ifPresent(b -> s.brands().defaultFlows(b.pk(), authentication, invalidation));
        s.state().putIfAbsent(MARKER, Instant.now().toString());
    }

    private static Flow flow(Stores s, String slug, String title, String designation) {
        Flow f = new Flow(UUID.randomUUID(), slug, slug, title, designation, "none", "message_continue", "stacked",
                "any", false, "", Instant.now());
        s.flows().insert(f);
        EventLog.modelCreated(s, Actor.SYSTEM, "flow", f.pk(), f.slug());
        return s.flows().bySlug(slug).orElseThrow();
    }

    /** The named stage, or a new one of that type with its defaults plus {@code overrides}. */
    private static Stage stage(Stores s, String name, String type, Map<String, Object> overrides) {
        return s.stages().byName(name).orElseGet(() -> {
            StageType t = StageTypes.byName(type).orElseThrow();
            Map<String, Object> config = t.defaults();
            config.putAll(overrides);
            Stage st = s.stages().insert(name, type, config);
            EventLog.modelCreated(s, Actor.SYSTEM, "stage", st.pk(), st.name());
            return st;
        });
    }

    private static void bind(Stores s, Flow f, int order, Stage stage) {
        s.flowBindings().insert(new FlowStageBinding(UUID.randomUUID(), f.pk(), stage.pk(), order, false, true,
                "retry", "any"));
    }
}
