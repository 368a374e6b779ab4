package dev.gatehouse.flow.engine;

import dev.gatehouse.core.ConfigCheck;
import dev.gatehouse.definition.Definition;
import java.util.Map;

/**
 * One kind of stage, as the model and the API see it: its name and the declaration of its config (fields with
 * types, defaults, constraints, references and help; the typed config record it reads into). Adding a stage
 * type means writing one of these and listing it in the {@link StageTypes} registry; storage and the REST API are generated
 * from the registry.
 */
public interface StageType {
    /** The stored type name and, by default, the API path segment: {@code password}. */
    String name();

    /** The declaration of the stage's config, and how it reads into the type's typed config. */
    Definition<?> config();

    /** Every config key with its default value; a fresh mutable map on each call. */
    default Map<String, Object> defaults() {
        return config().defaults();
    }

    /**
     * Checks of a complete config (defaults merged with the caller's values) beyond what {@link #config()}
     * declares field by field: combinations of fields.
     */
    default void validate(ConfigCheck config) {
    }

    /**
     * How the stage behaves in a running flow, or null for a type whose behaviour this version does not
     * have yet (a flow reaching it ends with a message saying so).
     */
    default dev.gatehouse.flow.engine.StageView<?> view() {
        return null;
    }

    /** Where the type's resource lives under {@code stages/}: {@code password}, {@code prompt/stages}. */
    default String apiPath() {
        return name();
    }

    /** The admin UI form authentik names for this type: {@code ak-stage-password-form}. */
    default String component() {
        return "ak-stage-" + name().replace('_', '-') + "-form";
    }

    /** authentik's model name: {@code passwordstage}. */
    default String modelName() {
        return name().replace("_", "") + "stage";
    }

    /** authentik's {@code meta_model_name}: {@code authentik_stages_password.passwordstage}. */
    default String metaModelName() {
        return "authentik_stages_" + name() + "." + modelName();
    }
}
