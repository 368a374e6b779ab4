package dev.gatehouse.provider.oauth2.device;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.UUID;

/**
 * A device authorization request as stored (RFC 8628 §3.1–3.5): looked up by the SHA-256 of the device code
 * (the device polling the token endpoint) or of the normalised user code (the person at the verification
 * page), never by the codes themselves. Once the user decides, it carries who approved it and the
 * authentication facts the id_token repeats (auth_time, amr, the session it came from). {@code interval} is
 * the polling interval the device must keep; {@code nextPoll} is the earliest time of its next poll.
 */
public record DeviceAuthorization(String deviceCodeHash, String userCodeHash, UUID family, long provider, String scope,
                                  Status status, Long user, Instant authTime, String sessionHash, String amr,
                                  Duration interval, Instant nextPoll, Instant expires) {

    /** pending → approved or denied (by the user) → redeemed (tokens issued; single use). */
    public enum Status {
        PENDING, APPROVED, DENIED, REDEEMED;

        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Status ofWire(String value) {
            return valueOf(value.toUpperCase(Locale.ROOT));
        }
    }

    public boolean expired(Instant now) {
        return !now.isBefore(expires);
    }
}
