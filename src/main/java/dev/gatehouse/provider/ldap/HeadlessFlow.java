package dev.gatehouse.provider.ldap;

import dev.gatehouse.core.User;
import dev.gatehouse.flow.Flow;
import dev.gatehouse.flow.engine.Challenge;
import dev.gatehouse.flow.engine.CredentialPrompt;
import dev.gatehouse.flow.engine.FlowContext;
import dev.gatehouse.flow.engine.FlowEffect;
import dev.gatehouse.flow.engine.FlowExecutor;
import dev.gatehouse.flow.engine.FlowExecutor.Step;
import dev.gatehouse.flow.engine.FlowPlan;
import dev.gatehouse.flow.engine.FlowPlanner;
import dev.gatehouse.flow.engine.FlowRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs a bind flow with no UI (DESIGN.md point 10, authentik's outpost flow executor): the same planner and
 * executor as the browser, with each challenge answered in code from the bind's credentials, chosen by the
 * challenge's {@code component}. A challenge no answerer knows, a challenge shown again with errors (a wrong
 * answer), an access-denied stage or a flow that ends without signing anyone in is a failed bind.
 */
public final class HeadlessFlow {
    /** More challenges than any sign-in flow shows: a flow that keeps asking is given up. */
    static final int MAX_STEPS = 16;

    /** What a bind presents: the user's identifier and the password with any MFA code split off. */
    public record Credentials(String identifier, BindPassword password) {
    }

    /** How the flow ended. */
    public sealed interface Outcome {
        /** {@code lifetime} is the user_login stage's session duration (zero: a browser session). */
        record SignedIn(User user, Duration lifetime) implements Outcome {
        }

        record Failed(String reason) implements Outcome {
        }
    }

    /** The answers by challenge component; an answerer returns empty when it cannot answer. */
    private final FlowPlanner planner;
    private final FlowExecutor executor;

    public HeadlessFlow(FlowPlanner planner, FlowExecutor executor) {
        this.planner = planner;
        this.executor = executor;
    }

    public Outcome run(Flow flow, String clientIp, Credentials credentials) {
        FlowRequest request = FlowRequest.headless(clientIp);
        FlowPlanner.Planned planned = planner.plan(flow, request, new FlowContext());
        if (planned instanceof FlowPlanner.Planned.Denied denied) {
            return new Outcome.Failed("flow refused: " + denied.message());
        }
        FlowPlan plan = ((FlowPlanner.Planned.Ready) planned).plan();
        List<FlowEffect> effects = new ArrayList<>();
        Step step = executor.current(plan, request, effects);
        for (int i = 0; i < MAX_STEPS; i++) {
            switch (step) {
                case Step.Done done -> {
                    return signedIn(effects);
                }
                case Step.Denied denied -> {
                    return new Outcome.Failed("denied: " + denied.message());
                }
                case Step.Show show -> {
                    if (!show.errors().isEmpty()) {
                        return new Outcome.Failed("answer refused by " + show.challenge().component() + ": "
                                + show.errors().keySet());
                    }
                    Optional<Map<String, Object>> answer = answer(show.challenge(), credentials);
                    if (answer.isEmpty()) {
                        return new Outcome.Failed("cannot answer " + show.challenge().component());
                    }
                    step = executor.submit(plan, request, answer.get(), effects);
                }
            }
        }
        return new Outcome.Failed("the flow asked more than " + MAX_STEPS + " questions");
    }

    private static Outcome signedIn(List<FlowEffect> effects) {
        for (FlowEffect e : effects) {
            if (e instanceof FlowEffect.Login login) {
                return new Outcome.SignedIn(login.user(), login.lifetime());
            }
        }
        return new Outcome.Failed("the flow ended without signing anyone in");
    }

    /**
     * The answer to a challenge from the bind's credentials, or empty when the bind cannot answer it: the
     * identifier (with the password when the identification stage asks it too), the password, the TOTP or static code
     * split off the password ({"code": "..."}), and no remember-me.
     */
    static Optional<Map<String, Object>> answer(Challenge challenge, Credentials credentials) {
        return switch (challenge) {
            case CredentialPrompt.Identifier c -> {
                Map<String, Object> a = new LinkedHashMap<>();
                a.put("uid_field", credentials.identifier());
                if (c.withPassword()) {
                    a.put("password", credentials.password().password());
                }
                yield Optional.of(a);
            }
            case CredentialPrompt.Password c -> Optional.of(Map.of("password", credentials.password().password()));
            case CredentialPrompt.OneTimeCode c -> credentials.password().code().map(code -> Map.of("code", code));
            case CredentialPrompt.StaySignedIn c -> Optional.of(Map.of("remember_me", false));
            default -> Optional.empty();
        };
    }
}
