package dev.gatehouse.web.ui;

import java.util.List;

/**
 * Asks the signed-in user whether to log out (OpenID Connect RP-Initiated Logout 1.0 §2: the OP asks when it has no
 * proof that the request came from the user's own session): a form that posts {@link #CONFIRM} and the session's
 * CSRF token back to {@code action}, repeating the request's {@code fields}; {@code requester} names the application
 * that asked, or is null.
 */
public record LogoutPage(String brandTitle, String username, String requester, String action, String csrf,
                         List<Field> fields) {
    /** The form field whose presence marks a confirmed logout. */
    public static final String CONFIRM = "confirm_logout";

    public LogoutPage {
        fields = List.copyOf(fields);
    }

    /** A hidden field the form posts back unchanged. */
    public record Field(String name, String value) {
    }
}
