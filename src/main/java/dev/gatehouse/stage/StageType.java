package dev.gatehouse.stage;

import dev.gatehouse.core.ConfigCheck;
import java.util.Map;

/**
 * One kind of stage, as the model and the API see it: its name, the keys of its JSON config with their
 * defaults, and how that config is validated. Adding a stage type means writing one of these and listing
 * it in {@link StageTypes}; storage and the REST API are generated from the registry.
 */
public interface StageType {
    /** The stored type name and, by default, the API path segment: {@code password}. */
    String name();

    /** Every config key with its default value; a fresh mutable map on each call. */
    Map<String, Object> defaults();

    /** Checks a complete config (defaults merged with the caller's values). */
    void validate(ConfigCheck config);

    /**
     * How the stage behaves in a running flow, or null for a type whose behaviour this version does not
     * have yet (a flow reaching it ends with a message saying so).
     */
    default dev.gatehouse.flow.engine.StageView view() {
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
