package dev.gatehouse.provider.oauth2;

import com.nimbusds.oauth2.sdk.OAuth2Error;
import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.auth.ClientAuthentication;
import com.nimbusds.oauth2.sdk.auth.ClientAuthenticationMethod;
import com.nimbusds.oauth2.sdk.auth.PlainClientSecret;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import dev.gatehouse.crypto.Secrets;
import dev.gatehouse.store.Database;
import dev.gatehouse.store.Stores;
import java.util.List;
import java.util.Optional;

/**
 * Authenticates the client at the token, introspection and revocation endpoints (RFC 6749 §2.3):
 * {@code client_secret_basic} or {@code client_secret_post} for confidential clients (secret compared in
 * constant time), or only {@code client_id} for public clients. Anything else is {@code invalid_client}
 * (401 with {@code WWW-Authenticate}, RFC 6749 §5.2).
 */
public final class ClientAuthenticator {
    private final Database db;

    public ClientAuthenticator(Database db) {
        this.db = db;
    }

    /** The client that made the request, or {@link OAuth2Exception} with {@code invalid_client}. */
    public OAuth2Provider authenticate(HTTPRequest request) {
        ClientAuthentication auth;
        try {
            auth = ClientAuthentication.parse(request);
        } catch (ParseException e) {
            throw invalid("The client authentication could not be parsed: " + e.getMessage());
        }
        if (auth == null) {
            String clientId = first(request, "client_id");
            OAuth2Provider client = find(clientId).orElseThrow(() -> invalid("Unknown client_id " + clientId));
            if (client.confidential()) {
                throw invalid("Confidential client " + clientId + " sent no client secret");
            }
            return client;
        }
        if (!(auth instanceof PlainClientSecret secret) || !(auth.getMethod().equals(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                || auth.getMethod().equals(ClientAuthenticationMethod.CLIENT_SECRET_POST))) {
            throw invalid("Unsupported client authentication method " + auth.getMethod());
        }
        String clientId = auth.getClientID().getValue();
        Optional<OAuth2Provider> client = find(clientId);
        // Compare against a dummy secret for unknown clients too, so timing does not reveal which client ids exist.
        String expected = client.map(OAuth2Provider::clientSecret).orElse("unknown-client-" + clientId);
        if (!Secrets.constantTimeEquals(expected, secret.getClientSecret().getValue()) || client.isEmpty()) {
            throw invalid("Wrong client secret or unknown client_id " + clientId);
        }
        return client.get();
    }

    private Optional<OAuth2Provider> find(String clientId) {
        if (clientId == null || clientId.isBlank()) {
            return Optional.empty();
        }
        return Stores.on(db.dsl()).oauth2Providers().byClientIdCached(clientId);
    }

    private static String first(HTTPRequest request, String name) {
        List<String> values;
        try {
            values = request.getBodyAsFormParameters().get(name);
        } catch (ParseException e) {
            values = null;
        }
        if (values == null || values.isEmpty()) {
            values = request.getQueryStringParameters().get(name);
        }
        return values == null || values.isEmpty() ? null : values.getFirst();
    }

    private static OAuth2Exception invalid(String detail) {
        return new OAuth2Exception(OAuth2Error.INVALID_CLIENT.setDescription("Client authentication failed."), detail);
    }
}
