package dev.gatehouse.web.admin;

import dev.gatehouse.web.admin.AdminApi.Answer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.dataformat.yaml.YAMLMapper;
import tools.jackson.dataformat.yaml.YAMLWriteFeature;

/** How API values read on admin pages: text for a cell, YAML for structures, errors by field. */
public final class Values {
    /** YAML as people write it: no document marker, strings unquoted where YAML allows. */
    static final YAMLMapper YAML = YAMLMapper.builder().enable(YAMLWriteFeature.MINIMIZE_QUOTES)
            .disable(YAMLWriteFeature.WRITE_DOC_START_MARKER).build();

    private Values() {
    }

    /** The value at a dotted path ({@code provider_obj.name}). */
    public static Object at(Map<String, Object> view, String path) {
        Object v = view;
        for (String part : path.split("\\.")) {
            if (!(v instanceof Map<?, ?> m)) {
                return null;
            }
            v = m.get(part);
        }
        return v;
    }

    public static String text(Object v) {
        return switch (v) {
            case null -> "—";
            case Boolean b -> b ? "Yes" : "No";
            case String s -> s.isEmpty() ? "—" : s;
            case List<?> l when l.stream().noneMatch(x -> x instanceof Map || x instanceof List) ->
                    l.isEmpty() ? "—" : String.join(", ", l.stream().map(String::valueOf).toList());
            case Map<?, ?> m when m.isEmpty() -> "—";
            case Map<?, ?> m -> yaml(m);
            case List<?> l -> yaml(l);
            default -> String.valueOf(v);
        };
    }

    /** Whether a value is shown as a preformatted block. */
    public static boolean isBlock(Object v) {
        return v instanceof Map<?, ?> m && !m.isEmpty()
                || v instanceof List<?> l && l.stream().anyMatch(x -> x instanceof Map || x instanceof List)
                || v instanceof String s && s.contains("\n");
    }

    static String yaml(Object v) {
        return YAML.writeValueAsString(v).stripTrailing();
    }

    static int integer(Object v, int fallback) {
        return v instanceof Number n ? n.intValue() : fallback;
    }

    /** A 400's field errors as messages by field; nested errors (a list item's) are flattened into their field. */
    public static Map<String, List<String>> fieldErrors(Answer a) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        a.object().forEach((field, v) -> {
            List<String> messages = new ArrayList<>();
            flatten(v, messages);
            out.put(field, messages);
        });
        return out;
    }

    private static void flatten(Object v, List<String> into) {
        switch (v) {
            case String s -> into.add(s);
            case List<?> l -> l.forEach(x -> flatten(x, into));
            case Map<?, ?> m -> m.values().forEach(x -> flatten(x, into));
            case null -> {
            }
            default -> into.add(String.valueOf(v));
        }
    }
}
