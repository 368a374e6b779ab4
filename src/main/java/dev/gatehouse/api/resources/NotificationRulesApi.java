package dev.gatehouse.api.resources;

import dev.gatehouse.api.ApiRequest;
import dev.gatehouse.api.ApiResponse;
import dev.gatehouse.api.Body;
import dev.gatehouse.api.Pagination;
import dev.gatehouse.api.Routes;
import dev.gatehouse.core.Group;
import dev.gatehouse.core.GroupStore;
import dev.gatehouse.core.Json;
import dev.gatehouse.core.errors.NotFoundException;
import dev.gatehouse.definition.Write;
import dev.gatehouse.notification.Rule;
import dev.gatehouse.notification.RuleChanges;
import dev.gatehouse.notification.RuleService;
import dev.gatehouse.notification.RuleStore;
import dev.gatehouse.store.Database;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * {@code events/rules/} (CONTRACT.md "Notifications"): authentik's notification rule resource. Transports and the
 * destination group are given by uuid; policies bind to a rule through {@code policies/bindings/} with the rule's
 * pk as target.
 */
public final class NotificationRulesApi {
    private static final String PATH = "events/rules/";
    private final Database db;
    private final RuleService rules;

    public NotificationRulesApi(Database db, RuleService rules) {
        this.db = db;
        this.rules = rules;
    }

    public record RuleView(UUID pk, String name, List<UUID> transports, String severity, UUID destinationGroup,
                           Map<String, Object> destinationGroupObj, boolean destinationEventUser) {
    }

    public void register(Routes r) {
        r.crud(PATH, "pbm_uuid", "events_rules", "notification rule", RuleChanges.DEFINITION, RuleView.class,
                RuleStore.LISTING.filterNames(), new Routes.Crud(
                        req -> ApiResponse.ok(Pagination.envelope(new RuleStore(db.dsl()).list(req.pageRequest())
                                .map(this::view))),
                        req -> view(rules.create(req.actor(), read(req, Write.CREATE))),
                        req -> view(find(req)),
                        (req, write) -> view(rules.update(req.actor(), find(req).pk(), read(req, write))),
                        req -> {
                            rules.delete(req.actor(), find(req).pk());
                            return null;
                        }));
    }

    /**
     * The body as a rule change. {@code group}, the field's name before authentik called it {@code destination_group}
     * (and CONTRACT.md's), is read as {@code destination_group} when that is not given.
     */
    private static RuleChanges read(ApiRequest req, Write write) {
        Body body = req.body();
        if (body.has("group") && !body.has("destination_group")) {
            Map<String, Object> renamed = new LinkedHashMap<>(body.asMap());
            renamed.put("destination_group", renamed.remove("group"));
            body = Body.parse(Json.bytes(renamed));
        }
        return body.read(RuleChanges.DEFINITION, write);
    }

    private Rule find(ApiRequest req) {
        return new RuleStore(db.dsl()).byPk(req.pathUuid("pbm_uuid")).orElseThrow(NotFoundException::new);
    }

    private RuleView view(Rule r) {
        Map<String, Object> group = r.destinationGroup() == null ? null
                : new GroupStore(db.dsl()).byPk(r.destinationGroup()).map(NotificationRulesApi::group).orElse(null);
        return new RuleView(r.pk(), r.name(), r.transports(), r.severity().wire(), r.destinationGroup(), group,
                r.destinationEventUser());
    }

    private static Map<String, Object> group(Group g) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("pk", g.pk());
        m.put("name", g.name());
        m.put("is_superuser", g.isSuperuser());
        m.put("parents", g.parents());
        m.put("attributes", g.attributes());
        return m;
    }
}
