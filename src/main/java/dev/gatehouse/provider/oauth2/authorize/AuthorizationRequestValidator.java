package dev.gatehouse.provider.oauth2.authorize;

import com.nimbusds.oauth2.sdk.AuthorizationRequest;
import com.nimbusds.oauth2.sdk.ErrorObject;
import com.nimbusds.oauth2.sdk.OAuth2Error;
import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.ResponseMode;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.openid.connect.sdk.AuthenticationRequest;
import com.nimbusds.openid.connect.sdk.OIDCResponseTypeValue;
import com.nimbusds.openid.connect.sdk.Prompt;
import dev.gatehouse.core.Application;
import dev.gatehouse.core.ApplicationStore;
import dev.gatehouse.provider.oauth2.Issuer;
import dev.gatehouse.provider.oauth2.OAuth2Provider;
import dev.gatehouse.provider.oauth2.OAuth2ProviderStore;
import dev.gatehouse.provider.oauth2.RedirectUri;
import dev.gatehouse.provider.oauth2.scope.ScopeMappingStore;
import dev.gatehouse.store.Database;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.jooq.DSLContext;

/**
 * Checks an authorization request (RFC 6749 §4.1.1, OIDC Core §3.1.2) in two phases. Until the client and its
 * redirect URI are trusted (RFC 6749 §3.1.2.4, §4.1.2.1: a known client_id, a registered redirect_uri, an
 * application for the provider) every problem is {@link Result.Refused}: shown to the user, never sent to a
 * URI from the request. After that, problems go back to the client ({@link Result.Rejected}) with the state, in
 * the request's response mode (its default when the one asked for is not allowed). The response types are
 * {@link AuthorizationResponseTypes#SUPPORTED}: those other than {@code code} need the {@code openid} scope
 * ({@code invalid_scope}, as authentik), never answer in the query, and need a {@code nonce} when an id_token
 * comes back from this endpoint (OIDC Core §3.2.2.1, §3.3.2.11). PKCE applies when a code is issued.
 */
public final class AuthorizationRequestValidator {
    /** RFC 7636 §4.2: 43–128 characters of the unreserved set. */
    private static final Pattern CODE_CHALLENGE = Pattern.compile("[A-Za-z0-9._~-]{43,128}");
    private static final int MAX_NONCE = 1024;
    private static final Set<String> UNSAFE_SCHEMES = Set.of("javascript", "data", "vbscript", "file");
    private final Database db;

    public AuthorizationRequestValidator(Database db) {
        this.db = db;
    }

    public sealed interface Result {
        /** The request cannot be trusted to name where to answer: an error page for the user. */
        record Refused(String message) implements Result {
        }

        /** An error for the client, sent to its redirect URI. */
        record Rejected(ClientResponse response, String logDetail) implements Result {
        }

        record Valid(AuthorizationParams params) implements Result {
        }
    }

    /**
     * Validates the request parameters (query of a GET or form body of a POST); {@code base} is the scheme and
     * host the request reached (for the issuer URL).
     */
    public Result validate(Map<String, List<String>> params, String base) {
        DSLContext dsl = db.dsl();
        String clientId = single(params, "client_id");
        if (clientId == null || clientId.isBlank()) {
            return new Result.Refused("The request does not name its application (client_id is missing or repeated).");
        }
        Optional<OAuth2Provider> found = new OAuth2ProviderStore(dsl).byClientId(clientId);
        if (found.isEmpty()) {
            return new Result.Refused("The application that sent you here is not registered (unknown client_id).");
        }
        OAuth2Provider provider = found.get();
        List<String> sentRedirect = params.getOrDefault("redirect_uri", List.of());
        if (sentRedirect.size() > 1) {
            return new Result.Refused("The request names more than one redirect URI.");
        }
        String redirect = sentRedirect.isEmpty() ? onlyRegistered(provider) : sentRedirect.getFirst();
        if (redirect == null) {
            return new Result.Refused("The request has no redirect URI, and the application has more than one "
                    + "(or a pattern) registered.");
        }
        URI redirectUri = safeUri(redirect);
        if (redirectUri == null || !RedirectUri.anyMatches(provider.redirectUris(), "authorization", redirect)) {
            return new Result.Refused("The redirect URI of this request is not registered for the application.");
        }
        Optional<Application> application = new ApplicationStore(dsl).byProvider(provider.pk());
        if (application.isEmpty()) {
            return new Result.Refused("The provider of this application is not assigned to an application.");
        }
        return validateTrusted(dsl, params, provider, application.get(), Issuer.of(base, provider, application.get()),
                redirect, redirectUri);
    }

    /** RFC 6749 §3.1.2.3: without redirect_uri, the client must have exactly one (literal) registered. */
    private static String onlyRegistered(OAuth2Provider provider) {
        List<RedirectUri> uris = provider.redirectUris().stream().filter(u -> u.type().equals("authorization")).toList();
        return uris.size() == 1 && uris.getFirst().matchingMode().equals("strict") ? uris.getFirst().url() : null;
    }

    /** An absolute URI without fragment (RFC 6749 §3.1.2) whose scheme cannot run script in the browser. */
    private static URI safeUri(String value) {
        try {
            URI uri = new URI(value);
            String scheme = uri.getScheme();
            if (!uri.isAbsolute() || uri.getRawFragment() != null
                    || UNSAFE_SCHEMES.contains(scheme.toLowerCase(Locale.ROOT))) {
                return null;
            }
            return uri;
        } catch (URISyntaxException e) {
            return null;
        }
    }

    private Result validateTrusted(DSLContext dsl, Map<String, List<String>> params, OAuth2Provider provider,
                                   Application application, String issuer, String redirect, URI redirectUri) {
        State state = Optional.ofNullable(single(params, "state")).map(State::new).orElse(null);
        ResponseType responseType = responseType(single(params, "response_type"));
        ResponseMode defaultMode = AuthorizationResponseTypes.defaultMode(responseType);
        String sentMode = single(params, "response_mode");
        ResponseMode chosen = sentMode == null ? defaultMode : new ResponseMode(sentMode);
        boolean unsupportedMode = !AuthorizationResponseTypes.MODES.contains(chosen);
        // Multiple Response Type Encoding Practices §5: tokens never travel in the query
        boolean tokensInQuery = !unsupportedMode && responseType != null
                && !AuthorizationResponseTypes.allows(responseType, chosen);
        ResponseMode mode = unsupportedMode || tokensInQuery ? defaultMode : chosen;
        Reject reject = (error, detail) -> new Result.Rejected(ClientResponse.error(redirectUri, mode, error,
                state, issuer), detail);
        if (unsupportedMode) {
            return reject.with(OAuth2Error.INVALID_REQUEST.setDescription("Unsupported response_mode."),
                    "response_mode " + sentMode);
        }
        for (Map.Entry<String, List<String>> e : params.entrySet()) {
            if (e.getValue().size() > 1) { // RFC 6749 §3.1
                return reject.with(OAuth2Error.INVALID_REQUEST.setDescription("A parameter is included more than once."),
                        "repeated parameter " + e.getKey());
            }
        }
        if (params.containsKey("request")) { // OIDC Core §6
            return reject.with(OAuth2Error.REQUEST_NOT_SUPPORTED, "request object");
        }
        if (params.containsKey("request_uri")) {
            return reject.with(OAuth2Error.REQUEST_URI_NOT_SUPPORTED, "request_uri");
        }
        if (single(params, "response_type") == null) {
            return reject.with(OAuth2Error.INVALID_REQUEST.setDescription("Missing response_type."), "no response_type");
        }
        if (!AuthorizationResponseTypes.supports(responseType)) {
            return reject.with(OAuth2Error.UNSUPPORTED_RESPONSE_TYPE, "response_type " + single(params, "response_type"));
        }
        if (tokensInQuery) {
            return reject.with(OAuth2Error.INVALID_REQUEST.setDescription(
                    "response_mode=query cannot be used for a response that carries tokens."), "query for " + responseType);
        }
        Map<String, List<String>> complete = new HashMap<>(params);
        complete.put("redirect_uri", List.of(redirect));
        AuthorizationRequest request;
        try {
            request = AuthorizationRequest.parse(complete);
        } catch (ParseException e) {
            return reject.with(invalid(e), e.getMessage());
        }
        GrantedScopes scopes = GrantedScopes.of(new ScopeMappingStore(dsl).byPks(provider.propertyMappings()),
                request.getScope() == null ? List.of() : request.getScope().toStringList());
        List<String> granted = scopes.scopes();
        if (!ResponseType.CODE.equals(responseType) && !granted.contains("openid")) { // OIDC Core §3.2.2.1, §3.3.2.1
            return reject.with(OAuth2Error.INVALID_SCOPE.setDescription(
                    "The openid scope is required for response_type " + responseType + "."), "no openid for " + responseType);
        }
        String nonce = single(params, "nonce");
        if (nonce == null && responseType.contains(OIDCResponseTypeValue.ID_TOKEN)) { // OIDC Core §3.2.2.1, §3.3.2.11
            return reject.with(OAuth2Error.INVALID_REQUEST.setDescription(
                    "nonce is required when the id_token is returned from the authorization endpoint."), "no nonce");
        }
        Prompt prompt = request.getPrompt();
        if (granted.contains("openid")) {
            try {
                AuthenticationRequest oidc = AuthenticationRequest.parse(complete); // OIDC Core §3.1.2.2 checks
                prompt = oidc.getPrompt();
            } catch (ParseException e) {
                return reject.with(invalid(e), e.getMessage());
            }
        }
        if (nonce != null && nonce.length() > MAX_NONCE) {
            return reject.with(OAuth2Error.INVALID_REQUEST.setDescription("nonce is too long."), "nonce length");
        }
        Integer maxAge = null;
        String sentMaxAge = single(params, "max_age");
        if (sentMaxAge != null) {
            try {
                maxAge = Integer.parseInt(sentMaxAge);
            } catch (NumberFormatException e) {
                maxAge = -1;
            }
            if (maxAge < 0) {
                return reject.with(OAuth2Error.INVALID_REQUEST.setDescription("max_age must be a number of seconds."),
                        "max_age " + sentMaxAge);
            }
        }
        String challenge = single(params, "code_challenge");
        String method = single(params, "code_challenge_method");
        if (challenge == null) {
            if (method != null) {
                return reject.with(OAuth2Error.INVALID_REQUEST.setDescription("code_challenge_method without code_challenge."),
                        "method without challenge");
            }
            if (!provider.confidential() && responseType.contains(ResponseType.Value.CODE)) { // RFC 7636 §4.4.1; OAuth 2.1
                return reject.with(OAuth2Error.INVALID_REQUEST.setDescription(
                        "PKCE code_challenge is required for public clients when a code is issued."),
                        "public client without PKCE");
            }
        } else {
            method = method == null ? "plain" : method; // RFC 7636 §4.3
            if (!method.equals("S256") && !method.equals("plain")) {
                return reject.with(OAuth2Error.INVALID_REQUEST.setDescription("Unsupported code_challenge_method."),
                        "code_challenge_method " + method);
            }
            if (!CODE_CHALLENGE.matcher(challenge).matches()) {
                return reject.with(OAuth2Error.INVALID_REQUEST.setDescription("Malformed code_challenge."),
                        "code_challenge format");
            }
        }
        Set<String> prompts = prompt == null ? Set.of()
                : Set.copyOf(prompt.stream().map(t -> t.toString()).toList());
        return new Result.Valid(new AuthorizationParams(provider, application, issuer, redirectUri, responseType, mode,
                state, granted, scopes.permissions(), nonce, challenge, challenge == null ? null : method, prompts, maxAge,
                single(params, "login_hint")));
    }

    @FunctionalInterface
    private interface Reject {
        Result with(ErrorObject error, String detail);
    }

    private static ErrorObject invalid(ParseException e) {
        ErrorObject error = e.getErrorObject();
        return error != null && error.getCode() != null ? error : OAuth2Error.INVALID_REQUEST;
    }

    private static ResponseType responseType(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return ResponseType.parse(value);
        } catch (ParseException e) {
            return null;
        }
    }

    /** The parameter's value when sent once and non-empty; null when absent, empty or repeated. */
    private static String single(Map<String, List<String>> params, String name) {
        List<String> values = params.get(name);
        return values == null || values.size() != 1 || values.getFirst().isEmpty() ? null : values.getFirst();
    }
}
