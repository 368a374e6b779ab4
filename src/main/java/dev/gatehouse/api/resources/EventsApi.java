package dev.gatehouse.api.resources;

import dev.gatehouse.api.Access;
import dev.gatehouse.api.ApiRequest;
import dev.gatehouse.api.ApiResponse;
import dev.gatehouse.api.Pagination;
import dev.gatehouse.api.Routes;
import dev.gatehouse.core.Event;
import dev.gatehouse.core.errors.NotFoundException;
import dev.gatehouse.store.Database;
import dev.gatehouse.core.EventStore;

/** {@code events/events/}: the audit log, newest first, filterable by action, username, client address, the application
 * an event authorized ({@code context_authorized_app}) and a time range ({@code created__gte}, {@code created__lte}). */
public final class EventsApi {
    private final Database db;

    public EventsApi(Database db) {
        this.db = db;
    }

    public void register(Routes r) {
        r.list("events/events/", Access.SUPERUSER, "events_events_list", "List events (newest first)", Event.class,
                        EventStore.FILTERS, this::list)
                .op("GET", "events/events/{pk}/", Access.SUPERUSER, "events_events_retrieve", "Get an event", null,
                        Event.class, req -> ApiResponse.ok(new EventStore(db.dsl()).byPk(req.pathUuid("pk"))
                                .orElseThrow(NotFoundException::new)));
    }

    private ApiResponse list(ApiRequest req) {
        return ApiResponse.ok(Pagination.envelope(new EventStore(db.dsl()).list(req.pageRequest())));
    }
}
