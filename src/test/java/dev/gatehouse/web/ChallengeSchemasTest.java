package dev.gatehouse.web;

import static dev.gatehouse.api.ApiTestSupport.JSON;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.flow.engine.Challenge;
import dev.gatehouse.flow.engine.RecordFields;
import dev.gatehouse.testing.TestServer;
import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Every challenge a stage can send has its schema in {@code /api/v3/schema/}: the challenge records are found in
 * the compiled main code (so a new stage whose page is not registered fails here), and each component has a
 * challenge schema with the record's fields and a response schema.
 */
class ChallengeSchemasTest {
    private static final Path CLASSES = Path.of("target/classes");

    @Test
    void everyChallengeComponentHasAChallengeAndAResponseSchema() throws Exception {
        Map<String, Class<?>> challenges = challengeRecords();
        assertThat(challenges).containsKeys("ak-stage-identification", "ak-stage-password", "ak-stage-consent",
                "ak-stage-prompt", "ak-stage-user-login", "ak-stage-authenticator-totp", "ak-stage-authenticator-static",
                "ak-stage-authenticator-validate", "ak-stage-authenticator-webauthn", "ak-stage-autosubmit",
                "ak-provider-oauth2-device-code", "ak-provider-oauth2-device-code-finish", "ak-stage-access-denied",
                "xak-flow-redirect", "ak-stage-dummy");
        try (TestServer server = TestServer.start()) {
            JsonNode schemas = JSON.readTree(server.get("/api/v3/schema/?format=json", null).body())
                    .get("components").get("schemas");
            Map<String, String> challengeSchema = new TreeMap<>();
            Map<String, String> responseSchema = new TreeMap<>();
            for (String name : schemas.propertyNames()) {
                JsonNode component = schemas.get(name).path("properties").path("component").path("enum");
                if (component.isArray() && component.size() == 1) {
                    (name.endsWith("ResponseRequest") ? responseSchema : challengeSchema)
                            .put(component.get(0).asString(), name);
                }
            }
            challenges.forEach((component, type) -> {
                assertThat(challengeSchema).as("challenge schema of %s", component).containsKey(component);
                assertThat(responseSchema).as("response schema of %s", component).containsKey(component);
                JsonNode properties = schemas.get(challengeSchema.get(component)).get("properties");
                for (RecordComponent c : type.getRecordComponents()) {
                    assertThat(properties.has(RecordFields.name(c))).as("%s.%s", component, c.getName()).isTrue();
                }
            });
            JsonNode union = schemas.get("ChallengeTypes");
            assertThat(union.get("oneOf")).hasSize(challenges.size());
            assertThat(union.get("discriminator").get("propertyName").asString()).isEqualTo("component");
            assertThat(schemas.get("FlowChallengeResponseRequest").get("oneOf")).hasSize(challenges.size());
        }
    }

    /** The challenge records of the main code by component. */
    private static Map<String, Class<?>> challengeRecords() throws IOException, ReflectiveOperationException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(CLASSES.resolve("dev/gatehouse"))) {
            files = walk.filter(f -> f.toString().endsWith(".class")).toList();
        }
        Map<String, Class<?>> out = new TreeMap<>();
        for (Path f : files) {
            String name = CLASSES.relativize(f).toString().replace('/', '.').replaceAll("\\.class$", "");
            Class<?> type = Class.forName(name, false, ChallengeSchemasTest.class.getClassLoader());
            if (type.isRecord() && Challenge.class.isAssignableFrom(type)) {
                out.put(component(type), type);
            }
        }
        return out;
    }

    /** A record's component, from an instance with every field empty. */
    private static String component(Class<?> type) throws ReflectiveOperationException {
        RecordComponent[] parts = type.getRecordComponents();
        List<Class<?>> types = new ArrayList<>();
        List<Object> values = new ArrayList<>();
        for (RecordComponent c : parts) {
            types.add(c.getType());
            values.add(c.getType() == boolean.class ? false : c.getType().isPrimitive() ? 0 : null);
        }
        var constructor = type.getDeclaredConstructor(types.toArray(Class<?>[]::new));
        constructor.setAccessible(true);
        return ((Challenge) constructor.newInstance(values.toArray())).component();
    }
}
