package dev.gatehouse.definition;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** Reading and checking values through a definition, without a server. */
class DefinitionTest {
    private enum Colour implements Choice {
        RED, DARK_BLUE;

        @Override
        public String wire() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private record Thing(String name, String colour, Optional<UUID> owner, Integer size) {
        static final Field<String> NAME = Field.string("name").required().notBlank().maxLength(5);
        static final Field<String> COLOUR = Field.choice("colour", Colour.class).byDefault(Colour.RED);
        static final Field<UUID> OWNER = Field.ref("owner", "user").nullable();
        static final Field<Integer> SIZE = Field.int32("size").min(1).max(9).byDefault(3);
        static final Definition<Thing> DEFINITION = Definition.define("thing", "Thing").field(NAME, COLOUR, OWNER, SIZE)
                .build(v -> new Thing(v.get(NAME), v.get(COLOUR), v.optional(OWNER), v.get(SIZE)));
    }

    private static Map<String, String> read(String json, Write write, Thing[] out) {
        Map<String, String> errors = new LinkedHashMap<>();
        FieldErrors sink = (f, m) -> errors.putIfAbsent(f, m);
        Thing t = Thing.DEFINITION.read(JsonMapper.builder().build().readTree(json), write, sink);
        Thing.DEFINITION.check(t, sink);
        out[0] = t;
        return errors;
    }

    @Test
    void createThenRequiredAndKindsAndConstraints() {
        Thing[] t = new Thing[1];
        assertThat(read("{}", Write.CREATE, t)).containsExactly(Map.entry("name", "This field is required."));
        assertThat(read("{}", Write.UPDATE, t)).isEmpty();
        assertThat(read("{\"name\": \"toolong\", \"colour\": \"green\", \"size\": 10}", Write.UPDATE, t))
                .containsExactly(Map.entry("name", "Ensure this field has no more than 5 characters."),
                        Map.entry("colour", "\"green\" is not a valid choice. Allowed: red, dark_blue."),
                        Map.entry("size", "Ensure this value is less than or equal to 9."));
        assertThat(read("{\"name\": 1, \"owner\": \"x\"}", Write.REPLACE, t))
                .containsExactly(Map.entry("name", "Not a valid string."), Map.entry("owner", "\"x\" is not a valid UUID."));
    }

    @Test
    void nullableThenJsonNullClearsAndAbsentKeeps() {
        Thing[] t = new Thing[1];
        read("{\"owner\": null}", Write.UPDATE, t);
        assertThat(t[0].owner()).isEmpty();
        read("{}", Write.UPDATE, t);
        assertThat(t[0].owner()).isNull();
    }

    @Test
    void storedConfigThenDefaultsChecksAndReferences() {
        assertThat(Thing.DEFINITION.defaults()).containsEntry("colour", "red").containsEntry("size", 3)
                .containsEntry("owner", null);
        UUID known = UUID.randomUUID();
        UUID unknown = UUID.randomUUID();
        Map<String, Object> config = new LinkedHashMap<>(Thing.DEFINITION.defaults());
        config.put("name", "a");
        config.put("owner", unknown.toString());
        config.put("size", null);
        Map<String, String> errors = new LinkedHashMap<>();
        Thing.DEFINITION.check(config, (ref, pk) -> ref.type().equals("user") && pk.equals(known),
                (f, m) -> errors.putIfAbsent(f, m));
        assertThat(errors).containsExactly(Map.entry("owner", "Invalid pk \"" + unknown + "\" - object does not exist."),
                Map.entry("size", "A valid integer is required."));
        config.put("owner", known.toString());
        config.put("size", 4);
        assertThat(Thing.DEFINITION.typed(config)).isEqualTo(new Thing("a", "red", Optional.of(known), 4));
        assertThat(Kind.listOf(Kind.UUID_PK).items()).isEqualTo(Kind.UUID_PK);
        assertThat(List.of(Colour.values())).extracting(Choice::wire).containsExactly("red", "dark_blue");
    }
}
