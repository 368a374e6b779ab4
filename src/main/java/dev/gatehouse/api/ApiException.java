package dev.gatehouse.api;

/** An API error with an HTTP status and a {@code detail} message for the client. */
public final class ApiException extends RuntimeException {
    private final int status;

    public ApiException(int status, String detail) {
        super(detail);
        this.status = status;
    }

    public int status() {
        return status;
    }

    public static ApiException unauthenticated(String detail) {
        return new ApiException(401, detail);
    }

    public static ApiException forbidden() {
        return new ApiException(403, "You do not have permission to perform this action.");
    }
}
