package dev.gatehouse.web.ui;

/**
 * The verification page of the device authorization grant ({@code /device}, RFC 8628 §3.3): who is signed in,
 * the code to confirm (empty when the user types it), the form's CSRF token, and what was wrong with the last
 * code (null when nothing).
 */
public record DevicePage(String brandTitle, String username, String action, String formToken, String code,
                         String error) {

    /** A code came with the link (verification_uri_complete): the user only checks it against the device. */
    public boolean prefilled() {
        return !code.isEmpty();
    }
}
