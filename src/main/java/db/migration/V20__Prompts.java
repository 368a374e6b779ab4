package db.migration;

import dev.gatehouse.core.Json;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Prompts become objects of their own ({@code stages_prompt}, authentik's {@code Prompt}), and a prompt stage names
 * them: its config's {@code fields} changes from a list of inline field documents to a list of prompt pks, in the
 * order they were listed. Each inline field becomes one prompt named {@code <stage name>-field-<field_key>}, except
 * the fields of the two prompt stages the bootstrap created, which get authentik's default names
 * ({@code initial-setup-field-password}, {@code default-password-change-field-password-repeat}, …). A name already
 * taken gets a numeric suffix. Entries that are already pks are kept. A Java migration because the rewrite parses
 * the stored JSON, which PostgreSQL and H2 cannot do with the same SQL; the DDL follows V1's rules (types and
 * syntax both accept).
 */
public class V20__Prompts extends BaseJavaMigration {
    private static final String DDL = """
            CREATE TABLE stages_prompt (
                uuid                     UUID PRIMARY KEY,
                name                     VARCHAR NOT NULL,
                field_key                VARCHAR NOT NULL,
                label                    VARCHAR NOT NULL,
                prompt_type              VARCHAR(100) NOT NULL,
                required                 BOOLEAN NOT NULL DEFAULT TRUE,
                placeholder              VARCHAR NOT NULL DEFAULT '',
                initial_value            VARCHAR NOT NULL DEFAULT '',
                sub_text                 VARCHAR NOT NULL DEFAULT '',
                prompt_order             INTEGER NOT NULL DEFAULT 0,
                placeholder_expression   BOOLEAN NOT NULL DEFAULT FALSE,
                initial_value_expression BOOLEAN NOT NULL DEFAULT FALSE,
                choices                  VARCHAR NOT NULL DEFAULT '[]',
                created                  TIMESTAMP WITH TIME ZONE NOT NULL,
                CONSTRAINT uq_stages_prompt_name UNIQUE (name)
            )""";
    /** The bootstrap's prompt stages and the names authentik's blueprints give their fields. */
    private static final Map<String, String> DEFAULT_PREFIXES = Map.of(
            "initial-setup-prompt", "initial-setup-field-",
            "default-password-change-prompt", "default-password-change-field-");

    @Override
    public void migrate(Context context) throws SQLException {
        Connection c = context.getConnection();
        try (Statement s = c.createStatement()) {
            s.execute(DDL);
            s.execute("CREATE INDEX ix_stages_prompt_field_key ON stages_prompt (field_key)");
        }
        Set<String> taken = new HashSet<>();
        Map<UUID, String[]> stages = new LinkedHashMap<>();
        try (Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT uuid, name, config FROM flows_stage WHERE stage_type = 'prompt' ORDER BY name")) {
            while (r.next()) {
                stages.put(r.getObject(1, UUID.class), new String[] {r.getString(2), r.getString(3)});
            }
        }
        for (Map.Entry<UUID, String[]> stage : stages.entrySet()) {
            String name = stage.getValue()[0];
            Map<String, Object> config = Json.map(stage.getValue()[1]);
            List<String> pks = new ArrayList<>();
            if (config.get("fields") instanceof List<?> fields) {
                for (Object item : fields) {
                    if (item instanceof String pk) {
                        pks.add(pk);
                    } else if (item instanceof Map<?, ?> field) {
                        pks.add(insert(c, promptName(name, field, taken), field).toString());
                    }
                }
            }
            config.put("fields", pks);
            try (PreparedStatement u = c.prepareStatement("UPDATE flows_stage SET config = ? WHERE uuid = ?")) {
                u.setString(1, Json.write(config));
                u.setObject(2, stage.getKey());
                u.executeUpdate();
            }
        }
    }

    private static String promptName(String stage, Map<?, ?> field, Set<String> taken) {
        String key = String.valueOf(field.get("field_key"));
        String prefix = DEFAULT_PREFIXES.get(stage);
        String base = prefix != null ? prefix + key.replace('_', '-') : stage + "-field-" + key;
        String candidate = base;
        for (int i = 2; !taken.add(candidate); i++) {
            candidate = base + "-" + i;
        }
        return candidate;
    }

    private static UUID insert(Connection c, String name, Map<?, ?> f) throws SQLException {
        UUID pk = UUID.randomUUID();
        try (PreparedStatement p = c.prepareStatement("INSERT INTO stages_prompt (uuid, name, field_key, label, "
                + "prompt_type, required, placeholder, initial_value, sub_text, prompt_order, choices, created) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            String key = String.valueOf(f.get("field_key"));
            p.setObject(1, pk);
            p.setString(2, name);
            p.setString(3, key);
            p.setString(4, f.get("label") instanceof String l ? l : key);
            p.setString(5, String.valueOf(f.get("type")));
            p.setBoolean(6, Boolean.TRUE.equals(f.get("required")));
            p.setString(7, text(f.get("placeholder")));
            p.setString(8, text(f.get("initial_value")));
            p.setString(9, text(f.get("sub_text")));
            p.setInt(10, f.get("order") instanceof Number n ? n.intValue() : 0);
            p.setString(11, Json.write(f.get("choices") instanceof List<?> l ? l : List.of()));
            p.setObject(12, OffsetDateTime.now(ZoneOffset.UTC));
            p.executeUpdate();
        }
        return pk;
    }

    private static String text(Object value) {
        return value instanceof String s ? s : "";
    }
}
