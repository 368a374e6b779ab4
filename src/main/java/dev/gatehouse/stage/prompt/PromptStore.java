package dev.gatehouse.stage.prompt;

import static dev.gatehouse.stage.prompt.PromptTables.Prompts.*;

import dev.gatehouse.core.Json;
import dev.gatehouse.store.Listing;
import dev.gatehouse.store.Page;
import dev.gatehouse.store.PageRequest;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.impl.DSL;

/** Rows of {@code stages_prompt}. */
public final class PromptStore {
    public static final Listing<Prompt> LISTING = Listing.of(T, ALL, UUID_, PromptStore::map)
            .filter("pk", UUID_).filter("name", NAME).filter("field_key", FIELD_KEY).filter("label", LABEL)
            .filter("type", TYPE).filter("placeholder", PLACEHOLDER)
            .search(NAME, FIELD_KEY, LABEL, TYPE, PLACEHOLDER)
            .order("name", NAME).order("field_key", FIELD_KEY).order("label", LABEL).order("type", TYPE)
            .order("order", ORDER)
            .defaultOrder(FIELD_KEY.asc()).defaultOrder(NAME.asc())
            .build();
    private final DSLContext dsl;

    public PromptStore(DSLContext dsl) {
        this.dsl = dsl;
    }

    static Prompt map(Record r) {
        return new Prompt(r.get(UUID_), r.get(NAME), r.get(FIELD_KEY), r.get(LABEL), r.get(TYPE), r.get(REQUIRED),
                r.get(PLACEHOLDER), r.get(INITIAL_VALUE), r.get(SUB_TEXT), r.get(ORDER), r.get(PLACEHOLDER_EXPRESSION),
                r.get(INITIAL_VALUE_EXPRESSION), choices(r.get(CHOICES)));
    }

    private static List<String> choices(String json) {
        if (json == null || json.isBlank()) {
            return List.of();
        }
        return ((List<?>) Json.MAPPER.readValue(json, List.class)).stream().map(String::valueOf).toList();
    }

    public Prompt insert(Prompt p) {
        dsl.insertInto(T).set(UUID_, p.pk()).set(NAME, p.name()).set(FIELD_KEY, p.fieldKey()).set(LABEL, p.label())
                .set(TYPE, p.type()).set(REQUIRED, p.required()).set(PLACEHOLDER, p.placeholder())
                .set(INITIAL_VALUE, p.initialValue()).set(SUB_TEXT, p.subText()).set(ORDER, p.order())
                .set(PLACEHOLDER_EXPRESSION, p.placeholderExpression())
                .set(INITIAL_VALUE_EXPRESSION, p.initialValueExpression()).set(CHOICES, Json.write(p.choices()))
                .set(CREATED, Instant.now()).execute();
        return byPk(p.pk()).orElseThrow();
    }

    public void update(Prompt p) {
        dsl.update(T).set(NAME, p.name()).set(FIELD_KEY, p.fieldKey()).set(LABEL, p.label()).set(TYPE, p.type())
                .set(REQUIRED, p.required()).set(PLACEHOLDER, p.placeholder()).set(INITIAL_VALUE, p.initialValue())
                .set(SUB_TEXT, p.subText()).set(ORDER, p.order()).set(PLACEHOLDER_EXPRESSION, p.placeholderExpression())
                .set(INITIAL_VALUE_EXPRESSION, p.initialValueExpression()).set(CHOICES, Json.write(p.choices()))
                .where(UUID_.eq(p.pk())).execute();
    }

    public boolean delete(UUID pk) {
        return dsl.deleteFrom(T).where(UUID_.eq(pk)).execute() > 0;
    }

    public Optional<Prompt> byPk(UUID pk) {
        return dsl.select(ALL).from(T).where(UUID_.eq(pk)).fetchOptional(PromptStore::map);
    }

    public Optional<Prompt> byName(String name) {
        return dsl.select(ALL).from(T).where(NAME.eq(name)).fetchOptional(PromptStore::map);
    }

    /** The prompts with these pks, by pk (missing ones are absent). */
    public Map<UUID, Prompt> byPks(Collection<UUID> pks) {
        if (pks.isEmpty()) {
            return Map.of();
        }
        return dsl.select(ALL).from(T).where(UUID_.in(pks)).fetch(PromptStore::map).stream()
                .collect(Collectors.toMap(Prompt::pk, Function.identity()));
    }

    public boolean nameTaken(String name, UUID except) {
        return dsl.fetchExists(T, NAME.eq(name).and(except == null ? DSL.noCondition() : UUID_.ne(except)));
    }

    public Page<Prompt> list(PageRequest req) {
        return LISTING.fetch(dsl, req, null);
    }
}
