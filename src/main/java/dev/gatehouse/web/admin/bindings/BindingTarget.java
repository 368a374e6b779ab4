package dev.gatehouse.web.admin.bindings;

import dev.gatehouse.web.admin.AdminApi.Answer;
import dev.gatehouse.web.admin.AdminRequest;
import dev.gatehouse.web.admin.ObjectTypes;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * What policy bindings can guard, found by its pk through the API: a flow, a flow-stage binding, an application or
 * a notification rule.
 *
 * @param pk       the target's pk, as bindings name it
 * @param kind     "flow", "flow-stage binding", "application" or "notification rule"
 * @param title    how the page names it
 * @param backHref the admin page of the object (for a flow-stage binding, its flow's page)
 * @param backText the back link's text
 */
public record BindingTarget(UUID pk, String kind, String title, String backHref, String backText) {

    /** The target with pk {@code text}, or empty when it is no UUID or names nothing bindings can guard. */
    public static Optional<BindingTarget> find(AdminRequest r, String text) {
        UUID pk;
        try {
            pk = UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        Answer flows = r.get(ObjectTypes.FLOWS.apiPath(), Map.of("pk", pk.toString()));
        if (flows.ok() && !flows.results().isEmpty()) {
            Map<String, Object> f = flows.results().getFirst();
            return Optional.of(new BindingTarget(pk, "flow", "Flow " + f.get("name"),
                    ObjectTypes.FLOWS.href(f.get("slug")), "Back to flow " + f.get("name")));
        }
        Answer binding = r.get("flows/bindings/" + pk + "/");
        if (binding.ok()) {
            Map<String, Object> b = binding.object();
            Answer flow = r.get(ObjectTypes.FLOWS.apiPath(), Map.of("pk", String.valueOf(b.get("target"))));
            Answer stage = r.get("stages/all/" + b.get("stage") + "/");
            String stageName = stage.ok() ? String.valueOf(stage.object().get("name")) : "?";
            if (flow.ok() && !flow.results().isEmpty()) {
                Map<String, Object> f = flow.results().getFirst();
                return Optional.of(new BindingTarget(pk, "flow-stage binding", "Stage binding #" + b.get("order") + " "
                        + stageName + " of flow " + f.get("name"), ObjectTypes.FLOWS.href(f.get("slug")),
                        "Back to flow " + f.get("name")));
            }
        }
        Answer rule = r.get(ObjectTypes.NOTIFICATION_RULES.apiPath() + pk + "/");
        if (rule.ok()) {
            Object name = rule.object().get("name");
            return Optional.of(new BindingTarget(pk, "notification rule", "Notification rule " + name,
                    ObjectTypes.NOTIFICATION_RULES.href(pk), "Back to notification rule " + name));
        }
        Answer apps = r.get(ObjectTypes.APPLICATIONS.apiPath(), Map.of("page_size", "1000"));
        return apps.results().stream().filter(a -> pk.toString().equals(String.valueOf(a.get("pk")))).findFirst()
                .map(a -> new BindingTarget(pk, "application", "Application " + a.get("name"),
                        ObjectTypes.APPLICATIONS.href(a.get("slug")), "Back to application " + a.get("name")));
    }

    /** The menu entry marked while the page shows: Applications, Notification Rules or Flows. */
    public String navKey() {
        return switch (kind) {
            case "application" -> ObjectTypes.APPLICATIONS.slug();
            case "notification rule" -> ObjectTypes.NOTIFICATION_RULES.slug();
            default -> ObjectTypes.FLOWS.slug();
        };
    }

    /** The bindings page of the object with pk {@code pk}. */
    public static String href(Object pk) {
        return BindingsPage.ROOT + pk + "/";
    }
}
