package dev.gatehouse.web.admin.bindings;

import dev.gatehouse.definition.Reference;
import dev.gatehouse.web.admin.AdminRequest;
import dev.gatehouse.web.admin.FormField.Option;
import dev.gatehouse.web.admin.ObjectType;
import dev.gatehouse.web.admin.ObjectTypes;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The objects a binding form offers (policies, groups, users, stages), read through the API as the signed-in
 * admin, in name order, each labelled by its name (and subtype); one read per type and request. Also names an
 * object by its reference value, for the binding tables.
 */
public final class ReferenceChoices {
    private static final int MAX = 1000;
    private final AdminRequest request;
    private final Map<String, List<Map<String, Object>>> read = new HashMap<>();

    public ReferenceChoices(AdminRequest request) {
        this.request = request;
    }

    /** The choices of a reference field. */
    public List<Option> options(Reference reference) {
        return ObjectTypes.byReference(reference.type()).map(this::options).orElse(List.of());
    }

    public List<Option> options(ObjectType type) {
        return objects(type).stream().map(o -> new Option(String.valueOf(o.get(type.refField())), label(type, o)))
                .toList();
    }

    /** The object of {@code type} whose reference value is {@code ref}, if it is among the first thousand. */
    public Map<String, Object> find(ObjectType type, Object ref) {
        if (ref == null) {
            return null;
        }
        String wanted = String.valueOf(ref);
        return objects(type).stream().filter(o -> wanted.equals(String.valueOf(o.get(type.refField())))).findFirst()
                .orElse(null);
    }

    /** How an object is named in a table: its title, with its subtype for stages and policies. */
    public static String label(ObjectType type, Map<String, Object> o) {
        String label = String.valueOf(o.get(type.titleField()));
        if (type.hasSubtypes()) {
            label = label + " (" + type.subtypeOf(o).map(ObjectType.Subtype::label).orElse("?") + ")";
        }
        return label;
    }

    private List<Map<String, Object>> objects(ObjectType type) {
        return read.computeIfAbsent(type.slug(), k -> request.get(type.apiPath(),
                Map.of("page_size", String.valueOf(MAX), "ordering", type.titleField())).results());
    }
}
