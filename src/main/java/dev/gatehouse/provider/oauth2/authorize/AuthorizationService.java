package dev.gatehouse.provider.oauth2.authorize;

import com.nimbusds.oauth2.sdk.ErrorObject;
import com.nimbusds.oauth2.sdk.util.URLUtils;
import com.nimbusds.openid.connect.sdk.OIDCError;
import dev.gatehouse.core.User;
import dev.gatehouse.flow.Flow;
import dev.gatehouse.flow.FlowStore;
import dev.gatehouse.flow.engine.Challenge;
import dev.gatehouse.flow.engine.FlowContext;
import dev.gatehouse.flow.engine.PlannedStage;
import dev.gatehouse.policy.engine.ApplicationAccess;
import dev.gatehouse.policy.PolicyRequest;
import dev.gatehouse.provider.oauth2.token.TokenIssuer;
import dev.gatehouse.session.AuthenticatedSession;
import dev.gatehouse.store.Database;
import dev.gatehouse.web.EntryPoints;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * The authorization endpoint's decisions (RFC 6749 §3.1, OIDC Core §3.1.2), free of HTTP: validate the
 * request; send a browser without a session (or one that must sign in again: {@code prompt=login},
 * {@code max_age}) through the authentication flow and back; check that the user may use the application;
 * then have the provider's authorization flow run with the fulfillment appended, which issues the code and/or
 * tokens — the same path for every response type.
 * {@code prompt=none} never shows anything: it answers {@code login_required}, {@code consent_required} or
 * {@code interaction_required} instead.
 */
public final class AuthorizationService {
    public static final String PATH = "/application/o/authorize/";
    private static final Logger LOG = Logger.getLogger(AuthorizationService.class.getName());
    private final Database db;
    private final AuthorizationRequestValidator validator;
    private final AuthorizationFlow flow;
    private final AuthorizationIssuer issuer;
    private final ReauthMarker marker;
    private final Clock clock;

    public AuthorizationService(Database db, ApplicationAccess access, TokenIssuer tokens, String secretKey, Clock clock) {
        this.db = db;
        this.validator = new AuthorizationRequestValidator(db);
        this.flow = new AuthorizationFlow(db, access);
        this.issuer = new AuthorizationIssuer(db, tokens, clock);
        this.marker = new ReauthMarker(secretKey);
        this.clock = clock;
    }

    /** How the fulfillment this service appends to a plan is stored with the plan. */
    public dev.gatehouse.flow.engine.InMemoryStages.Kind fulfillmentKind() {
        return new FulfillmentKind(db, issuer);
    }

    /** What the endpoint does next. */
    public sealed interface Decision {
        /** An HTML page for the user (never a redirect: the client or its redirect URI is not trusted, or access is denied). */
        record ErrorPage(int status, String message) implements Decision {
        }

        /** Answer the client at its redirect URI. */
        record Respond(ClientResponse response) implements Decision {
        }

        /** Sign in first, then come back to {@code location}'s {@code next}. */
        record SignIn(String location) implements Decision {
        }

        /** Run the authorization flow in the browser with this context and these stages appended. */
        record RunFlow(Flow flow, FlowContext context, List<PlannedStage> appended, AuthorizationParams params)
                implements Decision {
        }
    }

    /** The browser's signed-in state: the session and its user. */
    public record Signed(AuthenticatedSession session, User user) {
    }

    /**
     * Decides for one request: {@code params} are its parameters (query or form), {@code base} the scheme and host
     * it reached, {@code signed} the browser's session if any, {@code clientIp} and {@code http} the facts policies
     * see.
     */
    public Decision authorize(Map<String, List<String>> params, String base, Optional<Signed> signed, String clientIp,
                              PolicyRequest.Http http) {
        return switch (validator.validate(params, base)) {
            case AuthorizationRequestValidator.Result.Refused r -> new Decision.ErrorPage(400, r.message());
            case AuthorizationRequestValidator.Result.Rejected r -> {
                LOG.fine(() -> "authorization request rejected: " + r.logDetail());
                yield new Decision.Respond(r.response());
            }
            case AuthorizationRequestValidator.Result.Valid v -> authorizeValid(v.params(), params, signed, clientIp, http);
        };
    }

    private Decision authorizeValid(AuthorizationParams p, Map<String, List<String>> params, Optional<Signed> signed,
                                    String clientIp, PolicyRequest.Http http) {
        Instant now = clock.instant();
        if (signed.isEmpty() || mustSignInAgain(p, params, signed.get().session(), now)) {
            return p.prompts("none") ? respond(p, OIDCError.LOGIN_REQUIRED) : new Decision.SignIn(signIn(p, params, now));
        }
        OAuthFulfillmentStage fulfillment = new OAuthFulfillmentStage(p, signed.get().user(), signed.get().session(),
                issuer);
        return switch (flow.prepare(p.provider(), p.application(), p.permissions(), signed.get().user(), clientIp, http,
                p.prompts("consent"), fulfillment.planned())) {
            case AuthorizationFlow.Prepared.Refused r -> new Decision.ErrorPage(r.status(), r.message());
            case AuthorizationFlow.Prepared.Ready r -> new Decision.RunFlow(r.flow(), r.context(), r.appended(), p);
        };
    }

    /**
     * With {@code prompt=none} a flow may not stop to ask: the error for the client when the first thing the
     * authorization flow shows is a question (anything but the fulfillment's own form_post).
     */
    public Optional<ClientResponse> refuseInteraction(AuthorizationParams p, Challenge shown) {
        if (!p.prompts("none") || shown.component().equals(OAuthFulfillmentStage.AUTOSUBMIT)) {
            return Optional.empty();
        }
        ErrorObject error = shown.component().equals("ak-stage-consent") ? OIDCError.CONSENT_REQUIRED
                : OIDCError.INTERACTION_REQUIRED;
        return Optional.of(ClientResponse.error(p, error));
    }

    /** prompt=login or an exceeded max_age, unless the user signed in after we last sent them to do so. */
    private boolean mustSignInAgain(AuthorizationParams p, Map<String, List<String>> params, AuthenticatedSession session,
                                    Instant now) {
        boolean tooOld = p.maxAge() != null && Duration.between(session.created(), now).toSeconds() > p.maxAge();
        if (!p.prompts("login") && !tooOld) {
            return false;
        }
        List<String> sent = params.getOrDefault(ReauthMarker.PARAM, List.of());
        Optional<Instant> sentAt = sent.size() == 1 ? marker.sentAt(p.clientId(), sent.getFirst(), now) : Optional.empty();
        return sentAt.isEmpty() || session.created().isBefore(sentAt.get());
    }

    /** The provider's authentication flow, else the brand's, leading back here (a relative URL) with a fresh marker. */
    private String signIn(AuthorizationParams p, Map<String, List<String>> params, Instant now) {
        Map<String, List<String>> back = new LinkedHashMap<>(params);
        back.put(ReauthMarker.PARAM, List.of(marker.issue(p.clientId(), now)));
        String next = PATH + "?" + URLUtils.serializeParameters(back);
        return Optional.ofNullable(p.provider().provider().authenticationFlow())
                .flatMap(pk -> new FlowStore(db.dsl()).byPk(pk))
                .map(f -> "/if/flow/" + f.slug() + "/?next=" + EntryPoints.encode(next) + EntryPoints.hint(p.loginHint()))
                .orElse(EntryPoints.signIn(next, p.loginHint()));
    }

    private static Decision respond(AuthorizationParams p, ErrorObject error) {
        return new Decision.Respond(ClientResponse.error(p, error));
    }
}
