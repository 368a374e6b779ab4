package dev.gatehouse.provider.oauth2.authorize;

import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.ResponseMode;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.id.State;
import dev.gatehouse.core.Json;
import dev.gatehouse.core.User;
import dev.gatehouse.flow.engine.ContextRefs;
import dev.gatehouse.flow.engine.InMemoryStages;
import dev.gatehouse.flow.engine.StageView;
import dev.gatehouse.provider.oauth2.OAuth2Provider;
import dev.gatehouse.provider.oauth2.OAuth2ProviderStore;
import dev.gatehouse.session.AuthenticatedSession;
import dev.gatehouse.store.Database;
import java.net.URI;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * How an {@link OAuthFulfillmentStage} is stored with its plan: the validated authorization request (the provider
 * and the application by pk, read again; the rest as sent), the user by pk, the session it was started from, and
 * what has been issued (so a reload shows the same form_post and nothing is issued twice).
 */
final class FulfillmentKind implements InMemoryStages.Kind {
    private final Database db;
    private final AuthorizationIssuer issuer;

    FulfillmentKind(Database db, AuthorizationIssuer issuer) {
        this.db = db;
        this.issuer = issuer;
    }

    @Override
    public String name() {
        return OAuthFulfillmentStage.KIND;
    }

    @Override
    public Map<String, Object> save(StageView<?> view) {
        OAuthFulfillmentStage stage = (OAuthFulfillmentStage) view;
        AuthorizationParams p = stage.params();
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("provider", p.provider().provider().pk());
        params.put("application", p.application().pk().toString());
        params.put("issuer", p.issuer());
        params.put("redirect_uri", p.redirectUri().toString());
        params.put("response_type", p.responseType().toString());
        params.put("response_mode", p.responseMode().getValue());
        params.put("state", p.state() == null ? null : p.state().getValue());
        params.put("scope", p.scope());
        params.put("permissions", p.permissions());
        params.put("nonce", p.nonce());
        params.put("code_challenge", p.codeChallenge());
        params.put("code_challenge_method", p.codeChallengeMethod());
        params.put("prompt", List.copyOf(p.prompt()));
        params.put("max_age", p.maxAge());
        params.put("login_hint", p.loginHint());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("params", params);
        out.put("user", stage.user().pk());
        out.put("session", Json.MAPPER.convertValue(stage.session(), Map.class));
        OAuthFulfillmentStage.Issued issued = stage.issued();
        out.put("issued", issued == null ? null : Json.MAPPER.convertValue(issued, Map.class));
        return out;
    }

    @Override
    @SuppressWarnings("unchecked")
    public Optional<StageView<?>> restore(Map<String, Object> state, ContextRefs refs) {
        Map<String, Object> p = (Map<String, Object>) state.get("params");
        Optional<OAuth2Provider> provider = new OAuth2ProviderStore(db.dsl())
                .byPk(((Number) p.get("provider")).longValue());
        Optional<dev.gatehouse.core.Application> application = refs.application(UUID.fromString((String) p.get("application")));
        Optional<User> user = refs.user(((Number) state.get("user")).longValue());
        if (provider.isEmpty() || application.isEmpty() || user.isEmpty()) {
            return Optional.empty();
        }
        try {
            AuthorizationParams params = new AuthorizationParams(provider.get(), application.get(),
                    (String) p.get("issuer"), URI.create((String) p.get("redirect_uri")),
                    ResponseType.parse((String) p.get("response_type")), new ResponseMode((String) p.get("response_mode")),
                    p.get("state") == null ? null : new State((String) p.get("state")), (List<String>) p.get("scope"),
                    (Map<String, String>) p.get("permissions"), (String) p.get("nonce"), (String) p.get("code_challenge"),
                    (String) p.get("code_challenge_method"), new HashSet<>((List<String>) p.get("prompt")),
                    p.get("max_age") == null ? null : ((Number) p.get("max_age")).intValue(), (String) p.get("login_hint"));
            AuthenticatedSession session = Json.MAPPER.convertValue(state.get("session"), AuthenticatedSession.class);
            OAuthFulfillmentStage.Issued issued = state.get("issued") == null ? null
                    : Json.MAPPER.convertValue(state.get("issued"), OAuthFulfillmentStage.Issued.class);
            return Optional.of(new OAuthFulfillmentStage(params, user.get(), session, issuer, issued));
        } catch (ParseException e) {
            return Optional.empty();
        }
    }
}
