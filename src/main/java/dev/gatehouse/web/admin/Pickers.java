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
 * admin, labelled by their name (and subtype), limited to the subtype the reference demands. One read per type
 * and request.
 */
final class Pickers {
    private static final int MAX = 1000;
    private final AdminRequest request;
    private final Map<String, List<Map<String, Object>>> read = new HashMap<>();

    Pickers(AdminRequest request) {
        this.request = request;
    }

    List<Option> options(Reference reference) {
        return ObjectTypes.byReference(reference.type()).map(t -> options(t, reference.subtype())).orElse(List.of());
    }

    private List<Option> options(ObjectType type, String subtype) {
        Pattern wanted = subtype == null ? null : Pattern.compile(subtype.replace("*", ".*"));
        List<Option> out = new ArrayList<>();
        for (Map<String, Object> o : objects(type)) {
            String sub = type.subtypeOf(o).map(ObjectType.Subtype::name).orElse(null);
            if (wanted != null && (sub == null || !wanted.matcher(sub).matches())) {
                continue;
            }
            String label = String.valueOf(o.get(type.titleField()));
            if (type == ObjectTypes.FLOWS) {
                label = o.get("name") + " (" + o.get("slug") + ")";
            } else if (type.hasSubtypes()) {
                label = label + " (" + type.subtypeOf(o).map(ObjectType.Subtype::label).orElse("?") + ")";
            }
            out.add(new Option(String.valueOf(o.get(type.refField())), label));
        }
        return out;
    }

    /** The objects of a type (up to a thousand), in name order. */
    List<Map<String, Object>> objects(ObjectType type) {
        return read.computeIfAbsent(type.slug(), k -> request.get(type.apiPath(),
                Map.of("page_size", String.valueOf(MAX), "ordering", type.titleField())).results());
    }
}
