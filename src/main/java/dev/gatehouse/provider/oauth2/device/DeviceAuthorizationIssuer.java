package dev.gatehouse.provider.oauth2.device;

import com.nimbusds.oauth2.sdk.OAuth2Error;
import dev.gatehouse.core.Timedelta;
import dev.gatehouse.crypto.Secrets;
import dev.gatehouse.provider.oauth2.OAuth2Exception;
import dev.gatehouse.provider.oauth2.OAuth2Provider;
import dev.gatehouse.provider.oauth2.authorize.GrantedScopes;
import dev.gatehouse.provider.oauth2.scope.ScopeMappingStore;
import dev.gatehouse.store.Database;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jooq.DSLContext;

/**
 * Starts a device authorization (RFC 8628 §3.1–3.2): a device code of 64 random characters (~381 bits) for the
 * device to poll with, and a user code (see {@link UserCodes}) for the person; only their hashes are stored.
 * Granted are the requested scopes the provider's scope mappings offer (the others are dropped, as at the
 * authorization endpoint); a request naming none that is offered is {@code invalid_scope}. As in authentik the
 * request lives for the provider's {@code access_code_validity}, and the device polls every 5 seconds.
 */
public final class DeviceAuthorizationIssuer {
    public static final Duration INTERVAL = Duration.ofSeconds(5);
    static final int DEVICE_CODE_LENGTH = 64;
    /** Draws of a user code before giving up; with 20^8 codes a second draw is already rare. */
    private static final int ATTEMPTS = 8;
    private final Database db;
    private final Clock clock;

    public DeviceAuthorizationIssuer(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** The codes handed to the device once (RFC 8628 §3.2); {@code userCode} in its display form. */
    public record Issued(String deviceCode, String userCode, Duration expiresIn, Duration interval) {
        @Override
        public String toString() {
            return "Issued[expiresIn=" + expiresIn + ", interval=" + interval + "]";
        }
    }

    public Issued issue(OAuth2Provider provider, List<String> requestedScopes) {
        DSLContext dsl = db.dsl();
        GrantedScopes granted = GrantedScopes.of(new ScopeMappingStore(dsl).byPks(provider.propertyMappings()), requestedScopes);
        if (!requestedScopes.isEmpty() && granted.scopes().isEmpty()) {
            throw OAuth2Exception.of(OAuth2Error.INVALID_SCOPE, "None of the requested scopes is offered to this client.");
        }
        Duration validity = Timedelta.parse(provider.accessCodeValidity());
        Instant now = clock.instant();
        String deviceCode = Secrets.randomKey(DEVICE_CODE_LENGTH);
        for (int i = 0; i < ATTEMPTS; i++) {
            String userCode = UserCodes.generate();
            DeviceAuthorization d = new DeviceAuthorization(Secrets.sha256Hex(deviceCode), UserCodes.hash(userCode),
                    UUID.randomUUID(), provider.pk(), granted.asString(), DeviceAuthorization.Status.PENDING, null, null,
                    null, "", INTERVAL, now, now.plus(validity));
            if (new OAuth2DeviceStore(dsl).insert(d)) {
                return new Issued(deviceCode, UserCodes.format(userCode), validity, INTERVAL);
            }
        }
        throw new OAuth2Exception(OAuth2Error.SERVER_ERROR.setDescription("No user code is free; try again."),
                "no free user code after " + ATTEMPTS + " draws");
    }
}
