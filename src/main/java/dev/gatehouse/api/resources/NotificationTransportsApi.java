package dev.gatehouse.api.resources;

import dev.gatehouse.api.Access;
import dev.gatehouse.api.ApiRequest;
import dev.gatehouse.api.ApiResponse;
import dev.gatehouse.api.Pagination;
import dev.gatehouse.api.Routes;
import dev.gatehouse.core.errors.NotFoundException;
import dev.gatehouse.definition.Write;
import dev.gatehouse.notification.Notifications;
import dev.gatehouse.notification.Transport;
import dev.gatehouse.notification.TransportChanges;
import dev.gatehouse.notification.TransportService;
import dev.gatehouse.notification.TransportStore;
import dev.gatehouse.store.Database;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * {@code events/transports/} (CONTRACT.md "Notifications"): authentik's notification transport resource, plus
 * Gatehouse's write-only {@code webhook_secret}. {@code POST events/transports/<uuid>/test/} sends a test notification
 * to the caller now and answers authentik's {@code {"messages": [...]}}, or 500 with the reason it failed.
 */
public final class NotificationTransportsApi {
    private static final String PATH = "events/transports/";
    private final Database db;
    private final TransportService transports;
    private final Notifications notifications;

    public NotificationTransportsApi(Database db, TransportService transports, Notifications notifications) {
        this.db = db;
        this.transports = transports;
        this.notifications = notifications;
    }

    public record TransportView(UUID pk, String name, String mode, String modeVerbose, String webhookUrl,
                                UUID webhookMappingBody, UUID webhookMappingHeaders, boolean sendOnce) {
        static TransportView of(Transport t) {
            return new TransportView(t.pk(), t.name(), t.mode().wire(), t.mode().label(), t.webhookUrl(), null, null,
                    t.sendOnce());
        }
    }

    public record TestView(List<String> messages) {
    }

    public void register(Routes r) {
        r.crud(PATH, "uuid", "events_transports", "notification transport", TransportChanges.DEFINITION,
                        TransportView.class, TransportStore.LISTING.filterNames(), new Routes.Crud(
                                req -> ApiResponse.ok(Pagination.envelope(transports.store(db.dsl())
                                        .list(req.pageRequest()).map(TransportView::of))),
                                req -> TransportView.of(transports.create(req.actor(),
                                        req.body().read(TransportChanges.DEFINITION, Write.CREATE))),
                                req -> TransportView.of(find(req)),
                                (req, write) -> TransportView.of(transports.update(req.actor(), find(req).pk(),
                                        req.body().read(TransportChanges.DEFINITION, write))),
                                req -> {
                                    transports.delete(req.actor(), find(req).pk());
                                    return null;
                                }))
                .op("POST", PATH + "{uuid}/test/", Access.SUPERUSER, "events_transports_test_create",
                        "Send a test notification to yourself through the transport", null, TestView.class,
                        this::test);
    }

    private ApiResponse test(ApiRequest req) {
        Notifications.TestResult result = notifications.test(find(req).pk(), req.actor());
        if (!result.sent()) {
            return new ApiResponse(500, Map.of("detail", result.error()));
        }
        return ApiResponse.ok(new TestView(result.messages()));
    }

    private Transport find(ApiRequest req) {
        return transports.store(db.dsl()).byPk(req.pathUuid("uuid")).orElseThrow(NotFoundException::new);
    }
}
