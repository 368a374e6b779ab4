package dev.gatehouse.web;

import dev.gatehouse.flow.engine.RecordFields;
import dev.gatehouse.flow.engine.StagePage;
import dev.gatehouse.flow.engine.StagePages;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.BooleanSchema;
import io.swagger.v3.oas.models.media.Discriminator;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.NumberSchema;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.List;
import java.util.Map;

/**
 * The flow executor's schemas in the OpenAPI document, derived from the stage pages' records: for each component a
 * challenge schema ({@code PasswordChallenge}) and a response schema ({@code PasswordChallengeResponseRequest}),
 * each with its {@code component}, plus {@code ChallengeTypes} and {@code FlowChallengeResponseRequest}, the unions
 * of them told apart by {@code component}.
 */
public final class ChallengeSchemas {
    static final String RESPONSE = "ResponseRequest";
    private static final String REF = "#/components/schemas/";

    private ChallengeSchemas() {
    }

    public static void addTo(OpenAPI doc, StagePages pages) {
        if (doc.getComponents() == null) {
            doc.setComponents(new Components());
        }
        Schema<Object> challenges = union();
        Schema<Object> responses = union();
        for (StagePage page : pages.all()) {
            String name = page.challenge().getSimpleName();
            add(doc, name, record(page.component(), page.challenge()), challenges, page.component());
            add(doc, name + RESPONSE, record(page.component(), page.response()), responses, page.component());
        }
        doc.getComponents().addSchemas("ChallengeTypes", challenges);
        doc.getComponents().addSchemas("FlowChallengeResponseRequest", responses);
    }

    private static Schema<Object> union() {
        Schema<Object> union = new Schema<>();
        union.setDiscriminator(new Discriminator().propertyName("component"));
        return union;
    }

    private static void add(OpenAPI doc, String name, Schema<?> schema, Schema<Object> union, String component) {
        if (doc.getComponents().getSchemas() != null && doc.getComponents().getSchemas().containsKey(name)) {
            throw new IllegalStateException("two schemas named " + name);
        }
        doc.getComponents().addSchemas(name, schema);
        union.addOneOfItem(new Schema<>().$ref(REF + name));
        union.getDiscriminator().mapping(component, REF + name);
    }

    /** An object with {@code component} and one property per record component, in snake_case. */
    private static Schema<?> record(String component, Class<?> type) {
        ObjectSchema schema = new ObjectSchema();
        StringSchema name = new StringSchema();
        name.setDefault(component);
        name.addEnumItem(component);
        schema.addProperty("component", name);
        RecordComponent[] parts = type.getRecordComponents();
        if (parts.length == 1 && parts[0].getType() == Map.class && !dev.gatehouse.flow.engine.Challenge.class.isAssignableFrom(type)) {
            schema.setAdditionalProperties(true); // free-form answers, one per configured field
            return schema;
        }
        for (RecordComponent c : parts) {
            schema.addProperty(RecordFields.name(c), of(c.getGenericType()));
        }
        return schema;
    }

    private static Schema<?> of(Type type) {
        Class<?> raw = type instanceof ParameterizedType p ? (Class<?>) p.getRawType() : type instanceof Class<?> c ? c : Object.class;
        if (raw == String.class) {
            return new StringSchema();
        }
        if (raw == Boolean.class || raw == boolean.class) {
            return new BooleanSchema();
        }
        if (raw == Integer.class || raw == int.class || raw == Long.class || raw == long.class) {
            return new IntegerSchema();
        }
        if (Number.class.isAssignableFrom(raw)) {
            return new NumberSchema();
        }
        if (List.class.isAssignableFrom(raw)) {
            Type item = type instanceof ParameterizedType p ? p.getActualTypeArguments()[0] : Object.class;
            return new ArraySchema().items(of(item));
        }
        if (Map.class.isAssignableFrom(raw)) {
            ObjectSchema object = new ObjectSchema();
            object.setAdditionalProperties(true);
            return object;
        }
        return new Schema<>(); // any JSON value
    }
}
