package dev.gatehouse.flow.engine;

import java.util.Map;

/**
 * What a stage asks of the client: a record naming authentik's challenge {@code component} and holding its fields.
 * Its record components, in snake_case and in their declared order, are the JSON fields ({@link RecordFields}); a
 * null one is left out. The executor adds {@code flow_info} and {@code response_errors}.
 */
public interface Challenge {

    /** authentik's component name: {@code ak-stage-password}. */
    String component();

    /** The fields as the executor API sends them, after {@code component}. */
    default Map<String, Object> fields() {
        return RecordFields.of((Record) this);
    }
}
