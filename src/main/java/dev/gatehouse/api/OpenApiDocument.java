package dev.gatehouse.api;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import io.swagger.v3.core.converter.AnnotatedType;
import io.swagger.v3.core.converter.ModelConverters;
import io.swagger.v3.core.jackson.ModelResolver;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.Paths;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MapSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.PathParameter;
import io.swagger.v3.oas.models.parameters.QueryParameter;
import io.swagger.v3.oas.models.parameters.RequestBody;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import java.util.List;
import java.util.Map;

/**
 * Builds the OpenAPI 3 document from the router's declared routes, so the schema lists exactly the
 * routes that exist. Request and response shapes come from the resources' record types (snake_case).
 */
public final class OpenApiDocument {
    private OpenApiDocument() {
    }

    public static OpenAPI build(List<ApiRoute> routes, String version) {
        ModelConverters converters = new ModelConverters();
        converters.addConverter(new ModelResolver(io.swagger.v3.core.util.Json.mapper().copy()
                .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)));
        Components components = new Components()
                .addSecuritySchemes("authentik", new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")
                        .description("An API token: Authorization: Bearer <key>"))
                .addSchemas("Pagination", pagination())
                .addSchemas("GenericError", new ObjectSchema().addProperty("detail", new StringSchema()))
                .addSchemas("ValidationError", new MapSchema().additionalProperties(new ArraySchema().items(new StringSchema())));
        Paths paths = new Paths();
        for (ApiRoute r : routes) {
            PathItem item = paths.computeIfAbsent("/" + r.template(), k -> new PathItem());
            Operation op = new Operation().operationId(r.operationId()).summary(r.summary()).addTagsItem(r.tag());
            for (String seg : r.segments()) {
                if (seg.startsWith("{")) {
                    op.addParametersItem(new PathParameter().name(seg.substring(1, seg.length() - 1))
                            .schema(new StringSchema()));
                }
            }
            for (String q : r.queryParams()) {
                boolean number = q.equals("page") || q.equals("page_size");
                op.addParametersItem(new QueryParameter().name(q).schema(number ? new IntegerSchema() : new StringSchema()));
            }
            if (r.definition() != null) {
                String name = DefinitionSchemas.requestName(r.definition());
                components.addSchemas(name, DefinitionSchemas.request(r.definition()));
                op.requestBody(new RequestBody().required(true)
                        .content(json(new Schema<>().$ref("#/components/schemas/" + name))));
            } else if (r.requestType() != null) {
                op.requestBody(new RequestBody().required(true).content(json(ref(converters, components, r.requestType()))));
            }
            op.responses(responses(r, converters, components));
            if (r.definition() != null && r.responseType() != null) {
                DefinitionSchemas.describeResponse(components.getSchemas().get(r.responseType().getSimpleName()),
                        r.definition());
            }
            if (r.access() != Access.PUBLIC) {
                op.addSecurityItem(new SecurityRequirement().addList("authentik"));
            }
            switch (r.method()) {
                case "GET" -> item.get(op);
                case "POST" -> item.post(op);
                case "PUT" -> item.put(op);
                case "PATCH" -> item.patch(op);
                case "DELETE" -> item.delete(op);
                default -> throw new IllegalStateException("unsupported method " + r.method());
            }
        }
        return new OpenAPI()
                .info(new Info().title("Gatehouse").version(version)
                        .description("authentik-compatible REST API of Gatehouse"))
                .addServersItem(new Server().url("/api/v3"))
                .components(components)
                .paths(paths);
    }

    private static ApiResponses responses(ApiRoute r, ModelConverters converters, Components components) {
        ApiResponses out = new ApiResponses();
        Schema<?> body = r.responseType() == null ? null : ref(converters, components, r.responseType());
        if (r.paginated()) {
            body = new ObjectSchema().addProperty("pagination", new Schema<>().$ref("#/components/schemas/Pagination"))
                    .addProperty("results", new ArraySchema().items(body));
        }
        int status = r.method().equals("DELETE") || body == null ? 204 : r.method().equals("POST") && r.template().endsWith("s/") ? 201 : 200;
        io.swagger.v3.oas.models.responses.ApiResponse ok = new io.swagger.v3.oas.models.responses.ApiResponse()
                .description(status == 204 ? "No content" : "Success");
        if (body != null && status != 204) {
            ok.content(json(body));
        }
        out.addApiResponse(Integer.toString(status), ok);
        out.addApiResponse("400", error("Invalid input", "ValidationError"));
        if (r.access() != Access.PUBLIC) {
            out.addApiResponse("401", error("Missing, wrong or expired token", "GenericError"));
            out.addApiResponse("403", error("Not allowed", "GenericError"));
        }
        if (r.template().contains("{")) {
            out.addApiResponse("404", error("Not found", "GenericError"));
        }
        return out;
    }

    private static io.swagger.v3.oas.models.responses.ApiResponse error(String description, String schema) {
        return new io.swagger.v3.oas.models.responses.ApiResponse().description(description)
                .content(json(new Schema<>().$ref("#/components/schemas/" + schema)));
    }

    private static Content json(Schema<?> schema) {
        return new Content().addMediaType("application/json", new MediaType().schema(schema));
    }

    @SuppressWarnings("rawtypes")
    private static Schema<?> ref(ModelConverters converters, Components components, Class<?> type) {
        if (type.isArray()) {
            return new io.swagger.v3.oas.models.media.ArraySchema().items(ref(converters, components, type.getComponentType()));
        }
        Map<String, Schema> found = converters.readAll(new AnnotatedType(type));
        found.forEach((name, schema) -> {
            if (components.getSchemas() == null || !components.getSchemas().containsKey(name)) {
                components.addSchemas(name, schema);
            }
        });
        return new Schema<>().$ref("#/components/schemas/" + type.getSimpleName());
    }

    private static Schema<?> pagination() {
        ObjectSchema p = new ObjectSchema();
        for (String f : List.of("next", "previous", "count", "current", "total_pages", "start_index", "end_index")) {
            p.addProperty(f, new IntegerSchema());
        }
        return p;
    }
}
