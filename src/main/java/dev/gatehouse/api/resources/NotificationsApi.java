package dev.gatehouse.api.resources;

import dev.gatehouse.api.Access;
import dev.gatehouse.api.ApiRequest;
import dev.gatehouse.api.ApiResponse;
import dev.gatehouse.api.Pagination;
import dev.gatehouse.api.Routes;
import dev.gatehouse.core.Event;
import dev.gatehouse.core.EventStore;
import dev.gatehouse.core.errors.NotFoundException;
import dev.gatehouse.definition.Write;
import dev.gatehouse.notification.Notification;
import dev.gatehouse.notification.NotificationChanges;
import dev.gatehouse.notification.NotificationStore;
import dev.gatehouse.store.Database;
import java.time.Instant;
import java.util.UUID;

/**
 * {@code events/notifications/} (CONTRACT.md "Notifications"): the caller's own notifications, superusers included
 * (authentik's owner filter): list (newest first), get, change {@code seen}, delete, and
 * {@code mark_all_seen/}. Another user's notification answers 404.
 */
public final class NotificationsApi {
    private static final String PATH = "events/notifications/";
    private static final String ITEM = PATH + "{uuid}/";
    private final Database db;

    public NotificationsApi(Database db) {
        this.db = db;
    }

    public record NotificationView(UUID pk, String severity, String body, String hyperlink, String hyperlinkLabel,
                                   Instant created, Event event, boolean seen) {
    }

    public void register(Routes r) {
        r.list(PATH, Access.AUTHENTICATED, "events_notifications_list", "List your notifications (newest first)",
                        NotificationView.class, NotificationStore.LISTING.filterNames(), this::list)
                .op("GET", ITEM, Access.AUTHENTICATED, "events_notifications_retrieve", "Get one of your notifications",
                        null, NotificationView.class, req -> ApiResponse.ok(view(find(req))))
                .objectOp("PUT", ITEM, Access.AUTHENTICATED, "events_notifications_update",
                        "Replace one of your notifications (seen)", NotificationChanges.DEFINITION,
                        NotificationView.class, req -> change(req, Write.REPLACE))
                .objectOp("PATCH", ITEM, Access.AUTHENTICATED, "events_notifications_partial_update",
                        "Change one of your notifications (seen)", NotificationChanges.DEFINITION,
                        NotificationView.class, req -> change(req, Write.UPDATE))
                .op("DELETE", ITEM, Access.AUTHENTICATED, "events_notifications_destroy",
                        "Delete one of your notifications", null, null, req -> {
                            if (!new NotificationStore(db.dsl()).delete(user(req), find(req).pk())) {
                                throw new NotFoundException();
                            }
                            return ApiResponse.noContent();
                        })
                .op("POST", PATH + "mark_all_seen/", Access.AUTHENTICATED, "events_notifications_mark_all_seen_create",
                        "Mark all your notifications as seen", null, null, req -> {
                            db.txRun(dsl -> new NotificationStore(dsl).markAllSeen(user(req)));
                            return ApiResponse.noContent();
                        });
    }

    private ApiResponse list(ApiRequest req) {
        return ApiResponse.ok(Pagination.envelope(new NotificationStore(db.dsl()).listOfUser(user(req),
                req.pageRequest()).map(this::view)));
    }

    private ApiResponse change(ApiRequest req, Write write) {
        Notification n = find(req);
        NotificationChanges c = req.body().read(NotificationChanges.DEFINITION, write);
        if (c.seen() != null) {
            db.txRun(dsl -> new NotificationStore(dsl).setSeen(user(req), n.pk(), c.seen()));
        }
        return ApiResponse.ok(view(find(req)));
    }

    private Notification find(ApiRequest req) {
        return new NotificationStore(db.dsl()).ofUser(user(req), req.pathUuid("uuid"))
                .orElseThrow(NotFoundException::new);
    }

    private static long user(ApiRequest req) {
        return req.principal().user().pk();
    }

    private NotificationView view(Notification n) {
        Event event = n.event() == null ? null : new EventStore(db.dsl()).byPk(n.event()).orElse(null);
        return new NotificationView(n.pk(), n.severity().wire(), n.body(), null, null, n.created(), event, n.seen());
    }
}
