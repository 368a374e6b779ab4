package dev.gatehouse.provider.oauth2.grant;

import com.nimbusds.oauth2.sdk.AuthorizationGrant;
import com.nimbusds.oauth2.sdk.ErrorObject;
import com.nimbusds.oauth2.sdk.GrantType;
import com.nimbusds.oauth2.sdk.OAuth2Error;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.device.DeviceAuthorizationGrantError;
import com.nimbusds.oauth2.sdk.device.DeviceCodeGrant;
import dev.gatehouse.core.User;
import dev.gatehouse.core.UserStore;
import dev.gatehouse.crypto.Secrets;
import dev.gatehouse.provider.oauth2.OAuth2Exception;
import dev.gatehouse.provider.oauth2.Scopes;
import dev.gatehouse.provider.oauth2.device.DeviceAuthorization;
import dev.gatehouse.provider.oauth2.token.Grant;
import dev.gatehouse.provider.oauth2.token.IssuedTokens;
import dev.gatehouse.provider.oauth2.token.OAuth2GrantStore;
import dev.gatehouse.provider.oauth2.token.TokenIssuer;
import dev.gatehouse.store.Database;
import dev.gatehouse.provider.oauth2.device.OAuth2DeviceStore;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;

/**
 * {@code urn:ietf:params:oauth:grant-type:device_code} (RFC 8628 §3.4–3.5): the device code must be this client's.
 * While the user has not decided the answer is {@code authorization_pending}, or {@code slow_down} when the device
 * polled before its interval was up (the interval then grows by 5 seconds); then {@code access_denied} when the
 * user declined, {@code expired_token} once the request expired, and otherwise the tokens, issued as for an
 * authorization code. A device code is redeemed once: presenting it again revokes every token it produced
 * (as for a reused code, RFC 6749 §4.1.2) and is recorded as {@code suspicious_request}.
 */
public final class DeviceCodeGrantHandler implements GrantHandler {
    private final Database db;
    private final TokenIssuer issuer;
    private final SuspiciousRequests suspicious;
    private final Clock clock;

    public DeviceCodeGrantHandler(Database db, TokenIssuer issuer, SuspiciousRequests suspicious, Clock clock) {
        this.db = db;
        this.issuer = issuer;
        this.suspicious = suspicious;
        this.clock = clock;
    }

    @Override
    public boolean supports(GrantType type) {
        return GrantType.DEVICE_CODE.equals(type);
    }

    @Override
    public IssuedTokens handle(AuthorizationGrant grant, Scope requested, TokenClient client,
                               Map<String, List<String>> params) {
        String deviceCode = ((DeviceCodeGrant) grant).getDeviceCode().getValue();
        DSLContext dsl = db.dsl();
        DeviceAuthorization d = new OAuth2DeviceStore(dsl).byDeviceCodeHash(Secrets.sha256Hex(deviceCode))
                .filter(found -> found.provider() == client.provider().pk())
                .orElseThrow(() -> invalidGrant("unknown device code or another client's device code"));
        Instant now = clock.instant();
        if (d.status() == DeviceAuthorization.Status.REDEEMED) {
            throw reused(dsl, client, d);
        }
        if (d.expired(now)) {
            throw error(DeviceAuthorizationGrantError.EXPIRED_TOKEN,
                    "The device code has expired. Start the device authorization again.");
        }
        switch (d.status()) {
            case DENIED -> throw error(OAuth2Error.ACCESS_DENIED, "The user denied the authorization request.");
            case PENDING -> {
                if (!new OAuth2DeviceStore(dsl).poll(d, now)) {
                    throw error(DeviceAuthorizationGrantError.SLOW_DOWN, "Polling too fast: wait "
                            + d.interval().plus(OAuth2DeviceStore.SLOW_DOWN).toSeconds()
                            + " seconds between requests.");
                }
                throw error(DeviceAuthorizationGrantError.AUTHORIZATION_PENDING,
                        "The user has not yet completed the authorization.");
            }
            default -> {
            }
        }
        if (!new OAuth2DeviceStore(dsl).redeem(d.deviceCodeHash())) {
            throw reused(dsl, client, d);
        }
        User user = new UserStore(dsl).byPk(d.user()).filter(User::isActive)
                .orElseThrow(() -> invalidGrant("user gone or inactive"));
        return issuer.issue(new Grant(client.provider(), client.application(), user, Scopes.parse(d.scope()), d.family(),
                d.authTime(), d.sessionHash(), d.amr(), null, client.issuer(), null, client.request()));
    }

    private OAuth2Exception reused(DSLContext dsl, TokenClient client, DeviceAuthorization d) {
        int revoked = new OAuth2GrantStore(dsl).revokeFamily(d.family());
        suspicious.record(client, d.user(), "device code reused", Map.of("revoked_tokens", revoked));
        return invalidGrant("device code reused; " + revoked + " tokens of its family revoked");
    }

    /** RFC 8628 §3.5 errors are token endpoint errors (RFC 6749 §5.2): HTTP 400. */
    private static OAuth2Exception error(ErrorObject base, String description) {
        return OAuth2Exception.of(base.setHTTPStatusCode(400), description);
    }

    private static OAuth2Exception invalidGrant(String detail) {
        return new OAuth2Exception(OAuth2Error.INVALID_GRANT.setDescription(
                "The device code is invalid, already used or was issued to another client."), detail);
    }
}
