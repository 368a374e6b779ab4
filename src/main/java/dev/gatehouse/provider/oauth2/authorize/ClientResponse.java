package dev.gatehouse.provider.oauth2.authorize;

import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.AuthorizationErrorResponse;
import com.nimbusds.oauth2.sdk.AuthorizationResponse;
import com.nimbusds.oauth2.sdk.AuthorizationSuccessResponse;
import com.nimbusds.oauth2.sdk.ErrorObject;
import com.nimbusds.oauth2.sdk.ResponseMode;
import com.nimbusds.oauth2.sdk.id.State;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What goes back to the client at its (already trusted) redirect URI: a code (RFC 6749 §4.1.2) or an error
 * (§4.1.2.1), with the state, in the response mode the request chose — query or fragment in a redirect
 * (OAuth 2.0 Multiple Response Type Encoding Practices §2.1) or a form the browser posts (OAuth 2.0 Form Post
 * Response Mode §2). Encoding is Nimbus's.
 */
public record ClientResponse(AuthorizationResponse response) {

    public static ClientResponse code(URI redirectUri, ResponseMode mode, String code, State state) {
        return new ClientResponse(new AuthorizationSuccessResponse(redirectUri, new AuthorizationCode(code), null,
                state, mode));
    }

    public static ClientResponse error(URI redirectUri, ResponseMode mode, ErrorObject error, State state) {
        return new ClientResponse(new AuthorizationErrorResponse(redirectUri, error, state, mode));
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
