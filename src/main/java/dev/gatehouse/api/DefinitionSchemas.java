package dev.gatehouse.api;

import dev.gatehouse.definition.Definition;
import dev.gatehouse.definition.Field;
import dev.gatehouse.definition.Kind;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import java.math.BigDecimal;

/**
 * The OpenAPI schemas of an object type, written from its {@link Definition}: {@code <Name>Request} lists the
 * writable fields (required ones as required, with defaults, limits, patterns and choices) and the response
 * schema (written from the view record) gets each readable field's title, description, choices and read-only
 * mark.
 */
final class DefinitionSchemas {
    private DefinitionSchemas() {
    }

    static String requestName(Definition<?> d) {
        return d.schemaName() + "Request";
    }

    static Schema<?> request(Definition<?> d) {
        ObjectSchema s = new ObjectSchema();
        for (Field<?> f : d.writable()) {
            Schema<?> p = property(f);
            if (f.isRequired()) {
                s.addRequiredItem(f.name());
                if (f.isNotBlank()) {
                    p.minLength(1);
                }
            }
            s.addProperty(f.name(), p);
        }
        return s;
    }

    /** Adds the definition's knowledge to a response schema generated from the view record. */
    @SuppressWarnings({"rawtypes", "unchecked"})
    static void describeResponse(Schema<?> response, Definition<?> d) {
        if (response == null || response.getProperties() == null) {
            return;
        }
        for (Field<?> f : d.readable()) {
            Schema p = response.getProperties().get(f.name());
            if (p == null) {
                continue;
            }
            p.description(f.help().isEmpty() ? null : f.help()).title(f.label());
            if (!f.kind().choices().isEmpty() && !(p instanceof io.swagger.v3.oas.models.media.ArraySchema)) {
                p.setEnum(f.kind().choices());
            }
            if (f.isReadOnly()) {
                p.readOnly(true);
            }
        }
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    private static Schema<?> property(Field<?> f) {
        Schema p = kind(f.kind());
        p.title(f.label());
        if (!f.help().isEmpty()) {
            p.description(f.help());
        }
        if (f.isNullable()) {
            p.nullable(true);
        }
        if (f.isWriteOnly()) {
            p.writeOnly(true);
        }
        if (f.maxLength() != null) {
            p.maxLength(f.maxLength());
        }
        if (f.pattern() != null) {
            p.pattern(f.pattern().pattern());
        }
        if (f.min() != null) {
            p.minimum(BigDecimal.valueOf(f.min()));
        }
        if (f.max() != null) {
            p.maximum(BigDecimal.valueOf(f.max()));
        }
        Object dflt = f.defaultValue();
        if (dflt != null) {
            p.setDefault(dflt instanceof dev.gatehouse.definition.Choice c ? c.wire() : dflt);
        }
        if (f.reference() != null) {
            p.addExtension("x-gatehouse-reference", f.reference().type()
                    + (f.reference().subtype() == null ? "" : ":" + f.reference().subtype()));
        }
        return p;
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    private static Schema kind(Kind<?> k) {
        if (k.items() != null) {
            return new ArraySchema().items(kind(k.items()));
        }
        Schema s = k.type() == null ? new Schema<>() : k.type().equals("object") ? new ObjectSchema() : new Schema<>().type(k.type());
        if (k.format() != null) {
            s.format(k.format());
        }
        if (!k.choices().isEmpty()) {
            s.setEnum(k.choices());
        }
        return s;
    }
}
