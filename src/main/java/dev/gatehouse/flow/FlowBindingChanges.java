package dev.gatehouse.flow;

import dev.gatehouse.core.PolicyEngineMode;
import dev.gatehouse.definition.Definition;
import dev.gatehouse.definition.Field;
import java.util.UUID;

/**
 * Fields to set on a flow-stage binding; {@code null} means "leave as is" (or the default on create). The
 * choice fields hold their enum's wire value. {@link #DEFINITION} declares the fields as requests give them.
 */
public record FlowBindingChanges(UUID target, UUID stage, Integer order, Boolean evaluateOnPlan,
                                 Boolean reEvaluatePolicies, String invalidResponseAction, String policyEngineMode) {
    public static final Field<UUID> TARGET = Field.ref("target", "flow").required().label("Flow");
    public static final Field<UUID> STAGE = Field.ref("stage", "stage").required();
    public static final Field<Boolean> EVALUATE_ON_PLAN = Field.bool("evaluate_on_plan").byDefault(false)
            .help("Evaluate the binding's policies when the flow is planned.");
    public static final Field<Boolean> RE_EVALUATE_POLICIES = Field.bool("re_evaluate_policies").byDefault(true)
            .help("Evaluate the binding's policies again just before the stage runs.");
    public static final Field<Integer> ORDER = Field.int32("order").required().min(0)
            .help("Stages run in ascending order; unique within a flow.");
    public static final Field<String> POLICY_ENGINE_MODE = Field.choice("policy_engine_mode",
            PolicyEngineMode.class).byDefault(PolicyEngineMode.ANY);
    public static final Field<String> INVALID_RESPONSE_ACTION = Field.choice("invalid_response_action",
            InvalidResponseAction.class).byDefault(InvalidResponseAction.RETRY)
            .help("What the flow does when the stage refuses an answer.");

    public static final Definition<FlowBindingChanges> DEFINITION = Definition.define("flow_binding", "FlowBinding")
            .field(TARGET, STAGE, EVALUATE_ON_PLAN, RE_EVALUATE_POLICIES, ORDER, POLICY_ENGINE_MODE,
                    INVALID_RESPONSE_ACTION)
            .build(v -> new FlowBindingChanges(v.get(TARGET), v.get(STAGE), v.get(ORDER), v.get(EVALUATE_ON_PLAN),
                    v.get(RE_EVALUATE_POLICIES), v.get(INVALID_RESPONSE_ACTION),
                    v.get(POLICY_ENGINE_MODE)));
}
