package dev.gatehouse.provider.oauth2;

import com.nimbusds.oauth2.sdk.OAuth2Error;
import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.auth.ClientAuthentication;
import com.nimbusds.oauth2.sdk.auth.ClientAuthenticationMethod;
import com.nimbusds.oauth2.sdk.auth.PlainClientSecret;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import dev.gatehouse.crypto.Secrets;
import dev.gatehouse.store.Database;
import dev.gatehouse.throttle.LoginThrottle;
import io.github.bucket4j.TimeMeter;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Authenticates the client at the token, introspection and revocation endpoints (RFC 6749 §2.3):
 * {@code client_secret_basic} or {@code client_secret_post} for confidential clients (secret compared in
 * constant time), or only {@code client_id} for public clients. Anything else is {@code invalid_client}
 * (401 with {@code WWW-Authenticate}, RFC 6749 §5.2).
 * <p>Failures are throttled like failed sign-ins ({@link LoginThrottle}: buckets per presented client_id from one
 * address, per client_id from all addresses ({@link LoginThrottle#SPREAD} times larger) and per client IP; only
 * failures take a token). While a bucket is empty the credentials are not checked and the answer is
 * {@code invalid_client} with 429 and {@code Retry-After} (RFC 6585 §4), the same whether the client exists or not.
 * One address cannot lock a client out elsewhere, and other clients are not affected.
 */
public final class ClientAuthenticator {
    /** Failed authentications of one client_id from one address: 20 in a burst, then one every 3 seconds. */
    public static final LoginThrottle.Limits PER_CLIENT = new LoginThrottle.Limits(20, Duration.ofSeconds(3));
    /** Failed client authentications from one address: 50 in a burst, then one every 6 seconds (as sign-ins). */
    public static final LoginThrottle.Limits PER_IP = LoginThrottle.PER_IP;
    private final Database db;
    private final LoginThrottle throttle;

    public ClientAuthenticator(Database db) {
        this(db, new LoginThrottle(PER_CLIENT, PER_IP, TimeMeter.SYSTEM_NANOTIME));
    }

    public ClientAuthenticator(Database db, LoginThrottle throttle) {
        this.db = db;
        this.throttle = throttle;
    }

    /**
     * The client that made the request from {@code clientIp}, or {@link OAuth2Exception} with {@code invalid_client}
     * (429 while throttled).
     */
    public OAuth2Provider authenticate(HTTPRequest request, String clientIp) {
        String presented = presentedClientId(request);
        if (!throttle.allows(presented, clientIp)) {
            throw new OAuth2Exception(OAuth2Error.INVALID_CLIENT.setHTTPStatusCode(429).setDescription(
                    "Too many failed client authentications. Try again later."),
                    "client authentication throttled for " + presented + " from " + clientIp,
                    throttle.retryAfter(presented, clientIp));
        }
        try {
            return check(request);
        } catch (OAuth2Exception e) {
            throttle.failed(presented, clientIp);
            throw e;
        }
    }

    /** The client_id the request names (Basic user name or form field), for throttling; empty when none. */
    private static String presentedClientId(HTTPRequest request) {
        try {
            ClientAuthentication auth = ClientAuthentication.parse(request);
            if (auth != null) {
                return auth.getClientID().getValue();
            }
        } catch (ParseException | RuntimeException e) {
            // unparseable: throttled under the form's client_id or none
        }
        String id = first(request, "client_id");
        return id == null ? "" : id;
    }

    private OAuth2Provider check(HTTPRequest request) {
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
        return new OAuth2ProviderStore(db.dsl()).byClientIdCached(clientId);
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
