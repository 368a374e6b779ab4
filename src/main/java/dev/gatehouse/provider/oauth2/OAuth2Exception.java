package dev.gatehouse.provider.oauth2;

import com.nimbusds.oauth2.sdk.ErrorObject;

/**
 * The OAuth2 provider's one protocol error (DESIGN.md point 5): an RFC 6749 §5.2 / RFC 6750 §3.1 error for the
 * client ({@link #error}: code, description, HTTP status) and, separately, the detail for the server log,
 * which never reaches the client.
 */
public final class OAuth2Exception extends RuntimeException {
    private final transient ErrorObject error;

    public OAuth2Exception(ErrorObject error, String logDetail) {
        super(logDetail, null, false, false);
        this.error = error;
    }

    /** The error with a description for the client (the log detail is the same text). */
    public static OAuth2Exception of(ErrorObject base, String description) {
        return new OAuth2Exception(base.setDescription(description), description);
    }

    public ErrorObject error() {
        return error;
    }
}
