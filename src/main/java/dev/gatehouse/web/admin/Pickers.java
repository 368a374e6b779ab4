package dev.gatehouse.web.admin;

import dev.gatehouse.definition.Reference;
import dev.gatehouse.web.admin.FormField.Option;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The choices of a reference field: the objects of the referenced type, read through the API as the signed-in
 * admin, labelled by their name (and subtype; a provider by its application first, as authentik lists them),
 * limited to the subtype the reference demands. One read per type and request.
 */
public final class Pickers {
    private static final int MAX = 1000;
    private final AdminRequest request;
    private final Map<String, List<Map<String, Object>>> read = new HashMap<>();

    public Pickers(AdminRequest request) {
        this.request = request;
    }

    /** Every object a reference may name. */
    public List<Option> options(Reference reference) {
        return options(reference, java.util.Set.of());
    }

    /**
     * The objects a reference may name: of its type, narrowed to its subtype (a stage's type, a flow's
     * designation), always keeping the ones in {@code keep} (what the field names now, so saving a form
     * never drops it).
     */
    public List<Option> options(Reference reference, java.util.Set<String> keep) {
        return ObjectTypes.byReference(reference.type()).map(t -> options(t, reference.subtype(), keep)).orElse(List.of());
    }

    private List<Option> options(ObjectType type, String subtype, java.util.Set<String> keep) {
        Pattern wanted = subtype == null ? null : Pattern.compile(subtype.replace("*", ".*"));
        List<Option> out = new ArrayList<>();
        for (Map<String, Object> o : objects(type)) {
            String sub = type == ObjectTypes.FLOWS ? String.valueOf(o.get("designation"))
                    : type.subtypeOf(o).map(ObjectType.Subtype::name).orElse(null);
            if (wanted != null && (sub == null || !wanted.matcher(sub).matches())
                    && !keep.contains(String.valueOf(o.get(type.refField())))) {
                continue;
            }
            String label = label(type, o);
            out.add(new Option(String.valueOf(o.get(type.refField())), label));
        }
        return out;
    }

    /** Every object of a type as a choice. */
    public List<Option> options(ObjectType type) {
        return objects(type).stream().map(o -> new Option(String.valueOf(o.get(type.refField())), label(type, o)))
                .toList();
    }

    /** The object of {@code type} whose reference value is {@code ref}, if it is among the first thousand; else null. */
    public Map<String, Object> find(ObjectType type, Object ref) {
        if (ref == null) {
            return null;
        }
        String wanted = String.valueOf(ref);
        return objects(type).stream().filter(o -> wanted.equals(String.valueOf(o.get(type.refField())))).findFirst()
                .orElse(null);
    }

    /**
     * How an object is named in a picker or a table: its title; a flow with its slug, a stage or policy with its
     * type, a provider after its application.
     */
    public static String label(ObjectType type, Map<String, Object> o) {
        String label = String.valueOf(o.get(type.titleField()));
        if (type == ObjectTypes.FLOWS) {
            return o.get("name") + " (" + o.get("slug") + ")";
        }
        if (type == ObjectTypes.PROVIDERS && o.get("assigned_application_name") instanceof String app) {
            return app + " (" + label + ")";
        }
        if (type.hasSubtypes()) {
            return label + " (" + type.subtypeOf(o).map(ObjectType.Subtype::label).orElse("?") + ")";
        }
        return label;
    }

    /** The objects of a type (up to a thousand), in name order. */
    public List<Map<String, Object>> objects(ObjectType type) {
        return read.computeIfAbsent(type.slug(), k -> request.get(type.apiPath(),
                Map.of("page_size", String.valueOf(MAX), "ordering", type.titleField())).results());
    }
}
