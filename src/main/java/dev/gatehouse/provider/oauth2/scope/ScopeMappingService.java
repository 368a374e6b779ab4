package dev.gatehouse.provider.oauth2.scope;

import dev.gatehouse.core.Actor;
import dev.gatehouse.core.EventLog;
import dev.gatehouse.core.errors.NotFoundException;
import dev.gatehouse.core.Validation;
import dev.gatehouse.core.errors.ValidationException;
import dev.gatehouse.definition.Definition;
import dev.gatehouse.definition.Field;
import dev.gatehouse.expression.ExpressionCompiler;
import dev.gatehouse.expression.ExpressionException;
import dev.gatehouse.expression.ExpressionKind;
import dev.gatehouse.store.Database;
import java.util.UUID;
import java.util.function.Supplier;
import org.jooq.DSLContext;

/**
 * Scope mappings: each expression is compiled and type-checked (a {@code map(string, dyn)}) when it is saved,
 * so a bad one is a 400 with the compiler's message, never a surprise at token time.
 */
public final class ScopeMappingService {
    private final Database db;
    private final Supplier<ExpressionCompiler> compiler;

    /** {@code compiler} is asked for only when an expression is saved (building CEL takes seconds when cold). */
    public ScopeMappingService(Database db, Supplier<ExpressionCompiler> compiler) {
        this.db = db;
        this.compiler = compiler;
    }

    /** A create or update; null fields are "not given". {@link #DEFINITION} declares the fields. */
    public record Changes(String name, String scopeName, String description, String expression) {
        public static final Field<String> NAME = Field.string("name").required().notBlank().maxLength(200);
        public static final Field<String> SCOPE_NAME = Field.string("scope_name").required().notBlank().maxLength(200)
                .help("The scope a client asks for (openid, email, …) to get this mapping's claims.");
        public static final Field<String> DESCRIPTION = Field.string("description").maxLength(500)
                .help("Shown to the user on the consent page.");
        public static final Field<String> EXPRESSION = Field.string("expression").required().notBlank()
                .help("A CEL expression returning the claims to add (a map).");

        public static final Definition<Changes> DEFINITION = Definition.define("scope_mapping", "ScopeMapping")
                .field(NAME, EXPRESSION, SCOPE_NAME, DESCRIPTION)
                .build(v -> new Changes(v.get(NAME), v.get(SCOPE_NAME), v.get(DESCRIPTION), v.get(EXPRESSION)));
    }

    public ScopeMapping create(Actor actor, Changes c) {
        Validation v = validate(c, null);
        v.required(c.name(), "name").required(c.scopeName(), "scope_name").required(c.expression(), "expression")
                .throwIfInvalid();
        return db.tx(dsl -> {
            unique(dsl, c.name(), null);
            ScopeMapping m = new ScopeMappingStore(dsl).insert(new ScopeMapping(UUID.randomUUID(), c.name(), c.scopeName(),
                    c.description() == null ? "" : c.description(), c.expression(), null));
            EventLog.modelCreated(dsl, actor, "scopemapping", m.pk(), m.name());
            return m;
        });
    }

    public ScopeMapping update(Actor actor, UUID pk, Changes c) {
        validate(c, pk).throwIfInvalid();
        return db.tx(dsl -> {
            ScopeMapping old = new ScopeMappingStore(dsl).byPk(pk).orElseThrow(NotFoundException::new);
            unique(dsl, c.name(), pk);
            ScopeMapping m = new ScopeMapping(pk, or(c.name(), old.name()), or(c.scopeName(), old.scopeName()),
                    or(c.description(), old.description()), or(c.expression(), old.expression()), old.managed());
            new ScopeMappingStore(dsl).update(m);
            EventLog.modelUpdated(dsl, actor, "scopemapping", pk, m.name());
            return m;
        });
    }

    public void delete(Actor actor, UUID pk) {
        db.txRun(dsl -> {
            ScopeMapping m = new ScopeMappingStore(dsl).byPk(pk).orElseThrow(NotFoundException::new);
            new ScopeMappingStore(dsl).delete(pk);
            EventLog.modelDeleted(dsl, actor, "scopemapping", pk, m.name());
        });
    }

    private Validation validate(Changes c, UUID pk) {
        Validation v = new Validation();
        Changes.DEFINITION.check(c, v::error);
        if (c.expression() != null && !c.expression().isBlank()) {
            try {
                compiler.get().compile(ExpressionKind.MAPPING, c.expression());
            } catch (ExpressionException e) {
                v.error("expression", e.getMessage());
            }
        }
        return v;
    }

    private static void unique(DSLContext dsl, String name, UUID except) {
        if (name != null && new ScopeMappingStore(dsl).nameTaken(name, except)) {
            throw ValidationException.of("name", "Scope mapping with this name already exists.");
        }
    }

    private static String or(String value, String fallback) {
        return value != null ? value : fallback;
    }
}
