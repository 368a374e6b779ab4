package dev.gatehouse.provider.oauth2.authorize;

import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.AuthorizationErrorResponse;
import com.nimbusds.oauth2.sdk.AuthorizationResponse;
import com.nimbusds.oauth2.sdk.AuthorizationSuccessResponse;
import com.nimbusds.oauth2.sdk.ErrorObject;
import com.nimbusds.oauth2.sdk.ResponseMode;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.token.AccessToken;
import com.nimbusds.oauth2.sdk.token.BearerAccessToken;
import com.nimbusds.openid.connect.sdk.AuthenticationSuccessResponse;
import dev.gatehouse.provider.oauth2.token.IssuedTokens;
import java.net.URI;
import java.text.ParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What goes back to the client at its (already trusted) redirect URI: a code (RFC 6749 §4.1.2), tokens (OIDC
 * Core §3.2.2.5: id_token, access_token with token_type and expires_in), both (§3.3.2.5), or an error
 * (RFC 6749 §4.1.2.1), with the state and the issuer (RFC 9207 §2), in the response mode the request chose —
 * query or fragment in a redirect (OAuth 2.0 Multiple Response Type Encoding Practices §2.1) or a form the
 * browser posts (OAuth 2.0 Form Post Response Mode §2). Encoding is Nimbus's.
 */
public record ClientResponse(AuthorizationResponse response) {

    /** The successful answer to {@code p}: the code and tokens its response type asks for (either may be null). */
    public static ClientResponse success(AuthorizationParams p, String code, IssuedTokens tokens) {
        AuthorizationCode c = code == null ? null : new AuthorizationCode(code);
        AccessToken access = tokens == null || tokens.accessToken() == null ? null
                : new BearerAccessToken(tokens.accessToken(), tokens.expiresIn().toSeconds(), Scope.parse(tokens.scope()));
        Issuer iss = new Issuer(p.issuer());
        if (tokens == null || tokens.idToken() == null) {
            return new ClientResponse(new AuthorizationSuccessResponse(p.redirectUri(), c, access, p.state(), iss,
                    p.responseMode()));
        }
        return new ClientResponse(new AuthenticationSuccessResponse(p.redirectUri(), c, jwt(tokens.idToken()), access,
                p.state(), null, iss, p.responseMode()));
    }

    /** An error for the client of {@code p}, in its response mode. */
    public static ClientResponse error(AuthorizationParams p, ErrorObject error) {
        return error(p.redirectUri(), p.responseMode(), error, p.state(), p.issuer());
    }

    public static ClientResponse error(URI redirectUri, ResponseMode mode, ErrorObject error, State state, String issuer) {
        return new ClientResponse(new AuthorizationErrorResponse(redirectUri, error, state, new Issuer(issuer), mode));
    }

    private static JWT jwt(String idToken) {
        try {
            return SignedJWT.parse(idToken);
        } catch (ParseException e) {
            throw new IllegalStateException("the issuer produced an unparseable id_token", e);
        }
    }

    public boolean formPost() {
        return ResponseMode.FORM_POST.equals(response.getResponseMode());
    }

    /** The redirect target (query or fragment mode). */
    public URI location() {
        return response.toURI();
    }

    /** Where the form posts to (form_post mode). */
    public URI redirectUri() {
        return response.getRedirectionURI();
    }

    /** The parameters, one value each, for the form (form_post mode). */
    public Map<String, String> parameters() {
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> e : response.toParameters().entrySet()) {
            if (!e.getValue().isEmpty()) {
                out.put(e.getKey(), e.getValue().getFirst());
            }
        }
        return out;
    }
}
