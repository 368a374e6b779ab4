package dev.gatehouse.provider.oauth2.authorize;

import dev.gatehouse.core.User;
import dev.gatehouse.flow.engine.Challenge;
import dev.gatehouse.flow.engine.NoAnswer;
import dev.gatehouse.flow.engine.StagePage;
import dev.gatehouse.flow.engine.FlowKeys;
import dev.gatehouse.flow.engine.PlannedStage;
import dev.gatehouse.flow.engine.StageResult;
import dev.gatehouse.flow.engine.StageRun;
import dev.gatehouse.flow.engine.StageView;
import dev.gatehouse.session.AuthenticatedSession;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The last stage of an authorization (authentik's {@code OAuthFulfillmentStage}): appended in memory to the plan
 * of the provider's authorization flow, so it runs only after every stage of that flow (consent, policies)
 * has passed, and only for the user who started the authorization. It issues what the response type asks for
 * (code, tokens or both) and leads the flow to the client: a redirect (query or fragment: the flow ends there)
 * or, for form_post, an {@code ak-stage-autosubmit} form. One instance serves one plan; the form shows the same
 * response when reloaded (nothing is issued twice).
 */
public final class OAuthFulfillmentStage implements StageView<NoAnswer> {
    public static final String AUTOSUBMIT = AutosubmitChallenge.COMPONENT;
    /** The page of the form_post answer. */
    public static final List<StagePage> PAGES = List.of(StagePage.of(AUTOSUBMIT, AutosubmitChallenge.class,
            NoAnswer.class, "autosubmit.jte"));
    private final AuthorizationParams params;
    private final User user;
    private final AuthenticatedSession session;
    /** The in-memory stage kind ({@link FulfillmentKind}). */
    static final String KIND = "oauth2_fulfillment";
    private final AuthorizationIssuer issuer;
    private Issued issued;

    public OAuthFulfillmentStage(AuthorizationParams params, User user, AuthenticatedSession session,
                                 AuthorizationIssuer issuer) {
        this(params, user, session, issuer, null);
    }

    OAuthFulfillmentStage(AuthorizationParams params, User user, AuthenticatedSession session,
                          AuthorizationIssuer issuer, Issued issued) {
        this.params = params;
        this.user = user;
        this.session = session;
        this.issuer = issuer;
        this.issued = issued;
    }

    /**
     * What was issued, as the client will receive it: the redirect (query or fragment mode), or the form's target
     * and parameters (form_post).
     */
    record Issued(boolean formPost, String location, String redirectUri, Map<String, String> parameters) {
        static Issued of(ClientResponse response) {
            return response.formPost()
                    ? new Issued(true, null, response.redirectUri().toString(), response.parameters())
                    : new Issued(false, response.location().toString(), null, Map.of());
        }
    }

    /** This stage as the last step of a plan. */
    public PlannedStage planned() {
        return PlannedStage.inMemory("OAuth2 Provider fulfillment", KIND, Map.of(), this);
    }

    AuthorizationParams params() {
        return params;
    }

    User user() {
        return user;
    }

    AuthenticatedSession session() {
        return session;
    }

    synchronized Issued issued() {
        return issued;
    }

    @Override
    public synchronized Optional<Challenge> challenge(StageRun run) {
        if (!params.responseMode().equals(com.nimbusds.oauth2.sdk.ResponseMode.FORM_POST) || !forThisUser(run)) {
            return Optional.empty();
        }
        Issued response = issueOnce(run);
        return Optional.of(new AutosubmitChallenge("Redirecting to " + params.application().name() + "…",
                response.redirectUri(), response.parameters()));
    }

    @Override
    public List<StagePage> pages() {
        return PAGES;
    }

    @Override
    public synchronized StageResult submit(StageRun run, NoAnswer answer) {
        if (!forThisUser(run)) {
            return new StageResult.Deny("This authorization was started by another user. Start again from the application.");
        }
        Issued response = issueOnce(run);
        if (response.formPost()) {
            return new StageResult.Invalid(Map.of()); // the form posts to the client, not back here: show it again
        }
        run.context().put(FlowKeys.REDIRECT, response.location());
        return StageResult.CONTINUE;
    }

    /** The user signed in on this request is the one the authorization is for. */
    private boolean forThisUser(StageRun run) {
        User current = run.request().user();
        return current != null && current.pk() == user.pk();
    }

    private Issued issueOnce(StageRun run) {
        if (issued == null) {
            issued = Issued.of(issuer.issue(params, user, session, run.request(), run.plan().flow().pk()));
        }
        return issued;
    }
}
