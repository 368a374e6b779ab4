package dev.gatehouse.stage.prompt;

import dev.gatehouse.core.Actor;
import dev.gatehouse.core.EventLog;
import dev.gatehouse.core.Validation;
import dev.gatehouse.core.errors.NotFoundException;
import dev.gatehouse.definition.Definition;
import dev.gatehouse.definition.Field;
import dev.gatehouse.definition.Kind;
import dev.gatehouse.flow.Stage;
import dev.gatehouse.flow.StageStore;
import dev.gatehouse.store.Database;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jooq.DSLContext;

/**
 * Prompts: created, changed and deleted with a {@code model_*} event each. A prompt may be shared by several prompt
 * stages; deleting it takes it out of every stage that lists it (authentik's many-to-many), in the same transaction.
 */
public final class PromptService {
    static final String MODEL = "prompt";
    private final Database db;

    public PromptService(Database db) {
        this.db = db;
    }

    /** A create or update; null fields are "not given". {@link #DEFINITION} declares the fields. */
    public record Changes(String name, String fieldKey, String label, String type, Boolean required,
                          String placeholder, String initialValue, Integer order, String subText,
                          Boolean placeholderExpression, Boolean initialValueExpression, List<String> choices) {
        public static final Field<String> NAME = Field.string("name").required().notBlank()
                .help("A unique name, by which prompt stages pick the prompt.");
        public static final Field<String> FIELD_KEY = Field.string("field_key").required().notBlank().maxLength(200)
                .help("Name of the form field, also used to store the value (in the flow's prompt_data).");
        public static final Field<String> LABEL = Field.string("label").required().notBlank();
        public static final Field<String> TYPE = Field.oneOf("type", PromptStageType.FIELD_TYPES).required()
                .help("text, password (several in one stage must match), username (refuses a taken one), email, …");
        public static final Field<Boolean> REQUIRED = Field.bool("required").byDefault(true);
        public static final Field<String> PLACEHOLDER = Field.string("placeholder").byDefault("")
                .help("A short hint of the expected value; the value of hidden and static fields.");
        public static final Field<String> INITIAL_VALUE = Field.string("initial_value").byDefault("")
                .help("Pre-fills the field.");
        public static final Field<Integer> ORDER = Field.int32("order").byDefault(0)
                .help("Fields are shown by this order, lowest first.");
        public static final Field<String> SUB_TEXT = Field.string("sub_text").byDefault("")
                .help("Shown under the field.");
        public static final Field<Boolean> PLACEHOLDER_EXPRESSION = Field.bool("placeholder_expression").byDefault(false)
                .problem(on -> on ? EXPRESSIONS : null).help("Not supported: must stay off.");
        public static final Field<Boolean> INITIAL_VALUE_EXPRESSION = Field.bool("initial_value_expression")
                .byDefault(false).problem(on -> on ? EXPRESSIONS : null).help("Not supported: must stay off.");
        public static final Field<List<String>> CHOICES = Field.of("choices", Kind.listOf(Kind.STRING)).byDefault(List.of())
                .help("The allowed values of a radio-button-group or dropdown field, one per entry.");
        public static final Field<List<Map<String, Object>>> PROMPTSTAGE_SET = Field.shown("promptstage_set",
                Kind.listOf(Kind.OBJECT)).help("The prompt stages that show this prompt.");

        public static final Definition<Changes> DEFINITION = Definition.define("prompt", "Prompt")
                .field(NAME, FIELD_KEY, LABEL, TYPE, REQUIRED, PLACEHOLDER, INITIAL_VALUE, ORDER, SUB_TEXT,
                        PLACEHOLDER_EXPRESSION, INITIAL_VALUE_EXPRESSION, CHOICES, PROMPTSTAGE_SET)
                .build(v -> new Changes(v.get(NAME), v.get(FIELD_KEY), v.get(LABEL), v.get(TYPE), v.get(REQUIRED),
                        v.get(PLACEHOLDER), v.get(INITIAL_VALUE), v.get(ORDER), v.get(SUB_TEXT),
                        v.get(PLACEHOLDER_EXPRESSION), v.get(INITIAL_VALUE_EXPRESSION), v.get(CHOICES)));
    }

    static final String EXPRESSIONS = "Prompt expressions are not supported; give a plain value.";

    public Prompt create(Actor actor, Changes c) {
        Prompt p = new Prompt(UUID.randomUUID(), c.name(), c.fieldKey(), c.label(), c.type(),
                or(c.required(), true), or(c.placeholder(), ""), or(c.initialValue(), ""), or(c.subText(), ""),
                or(c.order(), 0), or(c.placeholderExpression(), false), or(c.initialValueExpression(), false),
                or(c.choices(), List.of()));
        return db.tx(dsl -> {
            validate(dsl, c, p, null).required(c.name(), "name").required(c.fieldKey(), "field_key")
                    .required(c.label(), "label").required(c.type(), "type").throwIfInvalid();
            Prompt saved = new PromptStore(dsl).insert(p);
            EventLog.modelCreated(dsl, actor, MODEL, saved.pk(), saved.name());
            return saved;
        });
    }

    public Prompt update(Actor actor, UUID pk, Changes c) {
        return db.tx(dsl -> {
            Prompt old = new PromptStore(dsl).byPk(pk).orElseThrow(NotFoundException::new);
            Prompt p = new Prompt(pk, or(c.name(), old.name()), or(c.fieldKey(), old.fieldKey()),
                    or(c.label(), old.label()), or(c.type(), old.type()), or(c.required(), old.required()),
                    or(c.placeholder(), old.placeholder()), or(c.initialValue(), old.initialValue()),
                    or(c.subText(), old.subText()), or(c.order(), old.order()),
                    or(c.placeholderExpression(), old.placeholderExpression()),
                    or(c.initialValueExpression(), old.initialValueExpression()), or(c.choices(), old.choices()));
            validate(dsl, c, p, pk).throwIfInvalid();
            new PromptStore(dsl).update(p);
            EventLog.modelUpdated(dsl, actor, MODEL, pk, p.name());
            return p;
        });
    }

    /** Deletes a prompt and takes it out of the {@code fields} of every prompt stage that lists it. */
    public void delete(Actor actor, UUID pk) {
        db.txRun(dsl -> {
            Prompt p = new PromptStore(dsl).byPk(pk).orElseThrow(NotFoundException::new);
            for (Stage s : stagesShowing(dsl, pk)) {
                Map<String, Object> config = new LinkedHashMap<>(s.config());
                List<Object> fields = new ArrayList<>((List<?>) config.get("fields"));
                fields.removeIf(f -> pk.toString().equals(String.valueOf(f)));
                config.put("fields", fields);
                new StageStore(dsl).update(new Stage(s.pk(), s.name(), s.type(), config, s.created()));
                EventLog.modelUpdated(dsl, actor, "promptstage", s.pk(), s.name());
            }
            new PromptStore(dsl).delete(pk);
            EventLog.modelDeleted(dsl, actor, MODEL, pk, p.name());
        });
    }

    /** The prompt stages whose {@code fields} name the prompt, by name. */
    public static List<Stage> stagesShowing(DSLContext dsl, UUID pk) {
        String wanted = pk.toString();
        return new StageStore(dsl).ofType(PromptStageType.NAME).stream()
                .filter(s -> s.config().get("fields") instanceof List<?> l
                        && l.stream().anyMatch(f -> wanted.equals(String.valueOf(f))))
                .toList();
    }

    private static Validation validate(DSLContext dsl, Changes c, Prompt p, UUID pk) {
        Validation v = new Validation();
        Changes.DEFINITION.check(c, v::error);
        if (p.name() != null && !p.name().isBlank() && new PromptStore(dsl).nameTaken(p.name(), pk)) {
            v.error("name", "prompt with this name already exists.");
        }
        if (p.type() != null && (p.type().equals("radio-button-group") || p.type().equals("dropdown"))
                && p.choices().isEmpty()) {
            v.error("choices", "A " + p.type() + " field needs choices.");
        }
        return v;
    }

    private static <T> T or(T value, T fallback) {
        return value != null ? value : fallback;
    }
}
