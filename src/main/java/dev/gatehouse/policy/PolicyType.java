package dev.gatehouse.policy;

import dev.gatehouse.core.ConfigCheck;
import dev.gatehouse.definition.Definition;
import java.util.Map;

/**
 * One kind of policy: its name, the keys of its JSON config with defaults, their validation and its
 * evaluation ({@link PolicyEvaluator#evaluate}). Adding a policy type means writing one of these and listing
 * it in {@link PolicyTypes}; the API is generated and the policy engine finds it by name.
 */
public interface PolicyType extends PolicyEvaluator {
    /** The stored type name and the API path segment: {@code dummy}. */
    String name();

    /** The declaration of the policy's config, and how it reads into the type's typed config. */
    Definition<?> config();

    /** Every config key with its default value; a fresh mutable map on each call. */
    default Map<String, Object> defaults() {
        return config().defaults();
    }

    /** Checks of a complete config beyond what {@link #config()} declares field by field. */
    default void validate(ConfigCheck config) {
    }

    /** The admin UI form authentik names for this type: {@code ak-policy-dummy-form}. */
    default String component() {
        return "ak-policy-" + name().replace('_', '-') + "-form";
    }

    /** authentik's model name: {@code dummypolicy}. */
    default String modelName() {
        return name().replace("_", "") + "policy";
    }

    /** authentik's {@code meta_model_name}: {@code authentik_policies_dummy.dummypolicy}. */
    default String metaModelName() {
        return "authentik_policies_" + name() + "." + modelName();
    }
}
