package dev.gatehouse.provider.oauth2;

import com.nimbusds.oauth2.sdk.ErrorObject;

/**
 * The OAuth2 provider's one protocol error (DESIGN.md point 5): an RFC 6749 §5.2 / RFC 6750 §3.1 error for the
 * client ({@link #error}: code, description, HTTP status) and, separately, the detail for the server log,
 * which never reaches the client.
 */
public final class OAuth2Exception extends RuntimeException {
    private final transient ErrorObject error;
    private final java.time.Duration retryAfter;

    public OAuth2Exception(ErrorObject error, String logDetail) {
        this(error, logDetail, null);
    }

    /** An error the client may retry after {@code retryAfter} (sent as {@code Retry-After}, RFC 9110 §10.2.3). */
    public OAuth2Exception(ErrorObject error, String logDetail, java.time.Duration retryAfter) {
        super(logDetail, null, false, false);
        this.error = error;
        this.retryAfter = retryAfter;
    }

    /** The error with a description for the client (the log detail is the same text). */
    public static OAuth2Exception of(ErrorObject base, String description) {
        return new OAuth2Exception(base.setDescription(description), description);
    }

    public ErrorObject error() {
        return error;
    }

    /** When the client may try again, or null. */
    public java.time.Duration retryAfter() {
        return retryAfter;
    }
}
