package dev.gatehouse.outpost;

import dev.gatehouse.definition.Definition;
import dev.gatehouse.definition.Field;
import java.util.List;
import java.util.Map;

/**
 * A create or update of an outpost; null means "not given". {@code config} keys given replace the stored ones.
 * {@code type} is an {@link OutpostType}'s wire value. {@link #DEFINITION} declares the fields.
 */
public record OutpostChanges(String name, String type, List<Long> providers, Map<String, Object> config) {
    public static final Field<String> NAME = Field.string("name").required().notBlank().maxLength(200);
    public static final Field<String> TYPE = Field.choice("type", OutpostType.class).required()
            .help("The protocol the outpost serves; cannot change.");
    public static final Field<List<Long>> PROVIDERS = Field.intRefs("providers", "provider").required()
            .label("Providers (applications)")
            .help("The providers the outpost serves, and with them the applications using them; all of the outpost's "
                    + "type. Hold Ctrl (or Cmd) to select more than one.");
    public static final Field<Map<String, Object>> CONFIG = Field.object("config")
            .label("Configuration")
            .help("The outpost's configuration. authentik_host is the URL browsers use to reach Gatehouse and sign in "
                    + "at, e.g. https://auth.example.com/.");

    public static final Definition<OutpostChanges> DEFINITION = Definition.define("outpost", "Outpost")
            .field(NAME, TYPE, PROVIDERS, CONFIG)
            .build(v -> new OutpostChanges(v.get(NAME), v.get(TYPE), v.get(PROVIDERS), v.get(CONFIG)));
}
