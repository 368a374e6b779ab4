package dev.gatehouse.provider.proxy;

import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import dev.gatehouse.crypto.Secrets;
import dev.gatehouse.provider.oauth2.Issuer;
import dev.gatehouse.provider.oauth2.OAuth2Exception;
import dev.gatehouse.provider.oauth2.grant.GrantHandler;
import dev.gatehouse.provider.oauth2.Scopes;
import dev.gatehouse.provider.oauth2.grant.TokenClient;
import dev.gatehouse.provider.oauth2.token.AccessTokens;
import dev.gatehouse.provider.oauth2.token.Grant;
import dev.gatehouse.provider.oauth2.token.IssuedTokens;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Sign-in through this server's own OpenID provider (CONTRACT.md; the proxy provider is an OAuth client of it):
 * <ol>
 * <li>{@code /start?rd=}: checks {@code rd} (only the provider's host, or hosts under its cookie domain: anything
 * else is refused, never followed), keeps a PKCE verifier in the state cookie, and sends the browser to
 * {@code /application/o/authorize/} with a signed {@link SignInState};</li>
 * <li>the authorize endpoint signs the user in through the login flow, checks the application's bindings, runs
 * the authorization flow and comes back to {@code /callback} with a code;</li>
 * <li>{@code /callback}: checks the state and that this browser started the sign-in, redeems the code with the
 * authorization_code grant handler in process, starts the proxy session and returns to {@code rd}.</li>
 * </ol>
 * The code is redeemed in process rather than over loopback HTTP: it is the same grant handler the token
 * endpoint runs (single use, redirect_uri, PKCE), without a network hop to this server's public URL (which the
 * server itself may not resolve, or reach only through a proxy or a certificate it does not trust) and without
 * sending the client secret anywhere — the client is authenticated by being this process.
 * {@code /sign_out} ends the proxy session and continues to the provider's end-session endpoint.
 */
final class ProxySignIn {
    private final SignInState states;
    private final GrantHandler codeGrant;
    private final AccessTokens accessTokens;
    private final ProxySessions sessions;

    ProxySignIn(SignInState states, GrantHandler codeGrant, AccessTokens accessTokens, ProxySessions sessions) {
        this.states = states;
        this.codeGrant = codeGrant;
        this.accessTokens = accessTokens;
        this.sessions = sessions;
    }

    /** What to answer: a redirect, or a page (both may set cookies). */
    sealed interface Result {
        List<String> setCookies();

        record Redirect(String location, List<String> setCookies) implements Result {
        }

        record Page(int status, String title, String message, List<String> setCookies) implements Result {
        }
    }

    Result start(ProxyRoute route, String rd, boolean secure, String requestBase) {
        String returnTo = rd == null || rd.isBlank() ? route.provider().externalHost() : rd.strip();
        URI u = parse(returnTo);
        if (u == null || !route.allowsReturnTo(u)) {
            String allowed = route.domainMode() ? "hosts under " + route.provider().cookieDomain()
                    : route.provider().externalHost();
            return new Result.Page(400, "This return address is not allowed",
                    "After signing in, " + route.application().name() + " only returns to " + allowed
                            + "; the address given is not followed.", List.of());
        }
        String verifier = Base64.getUrlEncoder().withoutPadding().encodeToString(Secrets.randomBytes(32));
        Instant now = Instant.now();
        String challenge = SignInState.challenge(verifier);
        Map<String, String> q = new LinkedHashMap<>();
        q.put("client_id", route.provider().oauth2().clientId());
        q.put("redirect_uri", route.provider().callbackUrl());
        q.put("response_type", "code");
        q.put("scope", route.scope());
        q.put("state", states.issue(route.provider().pk(), u.toASCIIString(), challenge, now));
        q.put("code_challenge", challenge);
        q.put("code_challenge_method", "S256");
        return new Result.Redirect(route.browserBase(requestBase) + "/application/o/authorize/?" + query(q),
                List.of(ProxyCookies.state(route, verifier, now, secure)));
    }

    Result callback(ProxyRoute route, Map<String, String> params, String verifier, boolean secure, ForwardRequest req) {
        List<String> clear = List.of(ProxyCookies.clearState(route, secure));
        if (params.get("error") != null) {
            String why = Optional.ofNullable(params.get("error_description")).orElse(params.get("error"));
            return new Result.Page(403, "Sign-in was not completed", why, clear);
        }
        Optional<SignInState.State> state = states.verify(params.get("state"), Instant.now())
                .filter(s -> s.provider() == route.provider().pk());
        if (state.isEmpty()) {
            return new Result.Page(400, "This sign-in cannot be completed",
                    "The sign-in link has expired or is not valid. Open " + route.application().name()
                            + " again to sign in.", clear);
        }
        URI returnTo = Optional.ofNullable(parse(state.get().returnTo())).filter(route::allowsReturnTo)
                .orElse(URI.create(route.provider().externalHost()));
        String restart = route.startUrl(returnTo) + "?rd=" + URLEncoder.encode(returnTo.toASCIIString(), StandardCharsets.UTF_8);
        if (verifier == null) {
            return new Result.Page(400, "This sign-in cannot be completed", "This browser did not start this sign-in "
                    + "(its sign-in cookie is missing: cookies must be enabled for " + route.application().name() + ").",
                    clear);
        }
        if (!Secrets.constantTimeEquals(SignInState.challenge(verifier), state.get().challenge())) {
            // Another sign-in was started in this browser since (or this one is someone else's): begin again,
            // never adopt the code.
            return new Result.Redirect(restart, clear);
        }
        String code = params.get("code");
        if (code == null || code.isEmpty()) {
            return new Result.Page(400, "This sign-in cannot be completed", "The callback carries no code.", clear);
        }
        IssuedTokens tokens;
        try {
            tokens = codeGrant.handle(new AuthorizationCodeGrant(new AuthorizationCode(code),
                    URI.create(route.provider().callbackUrl()), new CodeVerifier(verifier)), null, client(route, req),
                    Map.of());
        } catch (OAuth2Exception | IllegalArgumentException e) {
            String why = e instanceof OAuth2Exception o && o.error().getDescription() != null ? o.error().getDescription()
                    : "The code could not be redeemed.";
            return new Result.Page(400, "This sign-in cannot be completed", why, clear);
        }
        Instant now = Instant.now();
        Optional<ProxySessions.Started> started = accessTokens.verify(tokens.accessToken())
                .flatMap(v -> sessions.start(route, v.stored(), ProxyIdentities.Jwt.of(tokens, now), req));
        if (started.isEmpty()) {
            return new Result.Redirect(restart, clear);
        }
        return new Result.Redirect(returnTo.toASCIIString(), List.of(
                ProxyCookies.session(route, started.get().key(), started.get().expires(), now, secure),
                ProxyCookies.clearState(route, secure)));
    }

    Result signOut(ProxyRoute route, String key, boolean secure, String requestBase) {
        sessions.end(route, key);
        return new Result.Redirect(route.browserBase(requestBase) + "/application/o/" + route.application().slug()
                + "/end-session/", List.of(ProxyCookies.clearSession(route, secure)));
    }

    private static TokenClient client(ProxyRoute route, ForwardRequest req) {
        String issuer = Issuer.of(route.browserBase(req.serverBase()), route.provider().oauth2(), route.application());
        return new TokenClient(route.provider().oauth2(), route.application(), issuer,
                new Grant.RequestFacts(req.clientIp(), req.authority(), req.path(), req.userAgent()),
                Scopes.parse(route.scope()));
    }

    private static URI parse(String url) {
        try {
            return new URI(url);
        } catch (URISyntaxException e) {
            return null;
        }
    }

    private static String query(Map<String, String> q) {
        StringBuilder b = new StringBuilder();
        q.forEach((k, v) -> b.append(b.isEmpty() ? "" : "&").append(k).append('=')
                .append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return b.toString();
    }
}
