package dev.gatehouse.web.user;

import java.util.List;

/**
 * The signed-in user's notifications, newest first, each with a form to mark it seen and one to delete it, and one
 * to mark them all seen: plain form posts carrying the session's {@code csrf} token.
 */
public record NotificationsPage(String brandTitle, String csrf, String logoutAction, boolean superuser, int unseen,
                                List<Row> rows, String notice) {

    /** One notification; {@code action} is its event's action, or "" when the event has expired. */
    public record Row(String pk, String severity, String body, String action, String created, boolean seen,
                      String seenAction, String deleteAction) {
    }
}
