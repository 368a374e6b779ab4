package dev.gatehouse.testing;

import dev.gatehouse.stage.prompt.Prompt;
import dev.gatehouse.stage.prompt.PromptStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jooq.DSLContext;

/**
 * Prompts for tests written as field documents ({@code field_key}, {@code label}, {@code type}, {@code required},
 * {@code placeholder}, {@code initial_value}, {@code sub_text}, {@code order}, {@code choices}): each becomes a stored
 * prompt named {@code <prefix>-field-<field_key>}, and the pks come back in the order given, ready for a prompt
 * stage's {@code fields}.
 */
public final class TestPrompts {
    private TestPrompts() {
    }

    public static List<String> pks(DSLContext dsl, String prefix, List<Map<String, Object>> fields) {
        List<String> pks = new ArrayList<>();
        for (Map<String, Object> f : fields) {
            String key = (String) f.get("field_key");
            Prompt p = new PromptStore(dsl).insert(new Prompt(UUID.randomUUID(), prefix + "-field-" + key, key,
                    (String) f.getOrDefault("label", key), (String) f.get("type"),
                    Boolean.TRUE.equals(f.get("required")), text(f, "placeholder"), text(f, "initial_value"),
                    text(f, "sub_text"), f.get("order") instanceof Number n ? n.intValue() : 0, false, false,
                    f.get("choices") instanceof List<?> l ? l.stream().map(String::valueOf).toList() : List.of()));
            pks.add(p.pk().toString());
        }
        return pks;
    }

    private static String text(Map<String, Object> f, String key) {
        return f.get(key) instanceof String s ? s : "";
    }
}
