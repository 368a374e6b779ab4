package dev.gatehouse.api.resources;

import dev.gatehouse.api.Access;
import dev.gatehouse.api.ApiRequest;
import dev.gatehouse.api.ApiResponse;
import dev.gatehouse.api.ApiRouter;
import dev.gatehouse.api.OpenApiDocument;
import dev.gatehouse.api.RawBody;
import dev.gatehouse.api.Routes;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.core.util.Yaml;
import io.swagger.v3.oas.models.OpenAPI;
import java.nio.charset.StandardCharsets;

/** {@code schema/}: the OpenAPI 3 document, YAML by default, JSON with {@code ?format=json} or an Accept of JSON. */
public final class SchemaApi {
    private final ApiRouter router;
    private final String version;
    private final java.util.function.Consumer<OpenAPI> additions;
    private volatile OpenAPI document;

    /** {@code additions} adds what the routes do not describe (the flow executor's challenge schemas). */
    public SchemaApi(ApiRouter router, String version, java.util.function.Consumer<OpenAPI> additions) {
        this.router = router;
        this.version = version;
        this.additions = additions;
    }

    public void register(Routes r) {
        r.op("GET", "schema/", Access.PUBLIC, "schema_retrieve", "This OpenAPI document", null, null, this::schema);
    }

    private ApiResponse schema(ApiRequest req) {
        OpenAPI doc = document;
        if (doc == null) {
            doc = OpenApiDocument.build(router.routes(), version);
            additions.accept(doc);
            document = doc;
        }
        String accept = req.header("Accept");
        boolean json = "json".equals(req.query("format")) || (accept != null && accept.contains("application/json"));
        String text = json ? Json.pretty(doc) : Yaml.pretty(doc);
        return ApiResponse.ok(new RawBody(json ? "application/json" : "application/vnd.oai.openapi",
                text.getBytes(StandardCharsets.UTF_8)));
    }
}
