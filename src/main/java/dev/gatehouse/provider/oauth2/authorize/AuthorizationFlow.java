package dev.gatehouse.provider.oauth2.authorize;

import dev.gatehouse.core.Application;
import dev.gatehouse.core.User;
import dev.gatehouse.flow.Flow;
import dev.gatehouse.flow.FlowBindingStore;
import dev.gatehouse.flow.FlowStore;
import dev.gatehouse.flow.StageStore;
import dev.gatehouse.flow.engine.FlowContext;
import dev.gatehouse.flow.engine.FlowKeys;
import dev.gatehouse.flow.engine.PlannedStage;
import dev.gatehouse.policy.engine.ApplicationAccess;
import dev.gatehouse.policy.PolicyRequest;
import dev.gatehouse.policy.engine.PolicyResult;
import dev.gatehouse.provider.oauth2.OAuth2Provider;
import dev.gatehouse.flow.engine.StageType;
import dev.gatehouse.flow.engine.StageTypes;
import dev.gatehouse.store.Database;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jooq.DSLContext;

/**
 * What every OAuth2 authorization does once the request is understood and the user is signed in (the
 * authorization endpoint, the device verification page): the application's policy bindings decide whether the
 * user may use it (a denial is a page, never a grant), then the provider's {@code authorization_flow} is to run
 * with the application and the requested permissions in its context and the caller's fulfillment stage
 * appended, so the grant is made only after every stage of that flow (consent, policies) has passed.
 */
public final class AuthorizationFlow {
    private final Database db;
    private final ApplicationAccess access;

    public AuthorizationFlow(Database db, ApplicationAccess access) {
        this.db = db;
        this.access = access;
    }

    /** The flow to start, or why there is none. */
    public sealed interface Prepared {
        /** A page for the user with this HTTP status (access denied, a broken configuration). */
        record Refused(int status, String message) implements Prepared {
        }

        /** Start {@code flow} with this context and these stages appended. */
        record Ready(Flow flow, FlowContext context, List<PlannedStage> appended) implements Prepared {
        }
    }

    /**
     * {@code forceConsent} (OIDC {@code prompt=consent}) makes the consent stage ask even when consent is
     * remembered, and appends an in-memory always-ask consent stage when the flow has none (as authentik does).
     */
    public Prepared prepare(OAuth2Provider provider, Application application, Map<String, String> permissions,
                            User user, String clientIp, PolicyRequest.Http http, boolean forceConsent,
                            PlannedStage fulfillment) {
        PolicyResult allowed = access.check(application, user, new PolicyRequest(user, clientIp, http, Map.of()));
        if (!allowed.passing()) {
            return new Prepared.Refused(403, allowed.messages().isEmpty()
                    ? "You do not have access to " + application.name() + "." : String.join(" ", allowed.messages()));
        }
        DSLContext dsl = db.dsl();
        Optional<Flow> flow = new FlowStore(dsl).byPkCached(provider.provider().authorizationFlow());
        if (flow.isEmpty()) {
            return new Prepared.Refused(500, "The application's authorization flow does not exist.");
        }
        FlowContext context = new FlowContext();
        context.put(FlowKeys.APPLICATION, application);
        context.put(FlowKeys.CONSENT_PERMISSIONS, permissions);
        List<PlannedStage> appended = new ArrayList<>();
        if (forceConsent) { // OIDC Core §3.1.2.1: ask even when consent is remembered
            context.put(FlowKeys.CONSENT_FORCE, true);
            if (!hasConsentStage(dsl, flow.get())) {
                StageType consent = StageTypes.byName("consent").orElseThrow();
                appended.add(PlannedStage.inMemory("OAuth2 Provider In-memory consent stage", consent.name(),
                        consent.defaults(), consent.view()));
            }
        }
        appended.add(fulfillment);
        return new Prepared.Ready(flow.get(), context, appended);
    }

    private static boolean hasConsentStage(DSLContext dsl, Flow flow) {
        return new FlowBindingStore(dsl).ofFlowCached(flow.pk()).stream()
                .anyMatch(b -> new StageStore(dsl).byPkCached(b.stage()).map(st -> st.type().equals("consent")).orElse(false));
    }
}
