package dev.gatehouse.policy.engine;

import dev.gatehouse.policy.PolicyRequest;
import dev.gatehouse.core.PolicyEngineMode;
import dev.gatehouse.core.Application;
import dev.gatehouse.core.User;

/**
 * Whether a user may use an application: the application's policy bindings combined by its
 * {@code policy_engine_mode} (issue 3 item 8). The one place that decides it; portal, providers and the
 * {@code check_access} endpoint all ask here.
 */
public final class ApplicationAccess {
    private final PolicyEngine engine;

    public ApplicationAccess(PolicyEngine engine) {
        this.engine = engine;
    }

    /** Evaluates the application's bindings for {@code user} (which replaces the request's user). */
    public PolicyResult check(Application application, User user, PolicyRequest request) {
        return engine.evaluate(application.pk(), PolicyEngineMode.of(application.policyEngineMode()),
                request.withUser(user));
    }
}
