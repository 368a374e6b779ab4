package dev.gatehouse.flow;

import dev.gatehouse.core.PolicyEngineMode;
import dev.gatehouse.core.Validation;
import dev.gatehouse.definition.Definition;
import dev.gatehouse.definition.Field;

/**
 * Fields to set on a flow; {@code null} means "leave as is" (or the default on create). The choice fields hold
 * their enum's wire value. {@link #DEFINITION} declares the fields as requests give them.
 */
public record FlowChanges(String slug, String name, String title, String designation, String authentication,
                          String deniedAction, String layout, String policyEngineMode, Boolean compatibilityMode,
                          String background) {
    public static final Field<String> NAME = Field.string("name").required().notBlank();
    public static final Field<String> SLUG = Field.string("slug").required().notBlank().maxLength(50)
            .pattern(Validation.SLUG, Validation.SLUG_MESSAGE).help("Visible in the URL: /if/flow/<slug>/.");
    public static final Field<String> TITLE = Field.string("title").required().notBlank()
            .help("Shown as the heading of the flow's page.");
    public static final Field<String> DESIGNATION = Field.choice("designation", FlowDesignation.class)
            .required().help("What the flow is used for.");
    public static final Field<String> BACKGROUND = Field.string("background").byDefault("");
    public static final Field<String> POLICY_ENGINE_MODE = Field.choice("policy_engine_mode",
            PolicyEngineMode.class).byDefault(PolicyEngineMode.ANY);
    public static final Field<Boolean> COMPATIBILITY_MODE = Field.bool("compatibility_mode").byDefault(false);
    public static final Field<String> LAYOUT = Field.choice("layout", FlowLayout.class).byDefault(FlowLayout.STACKED);
    public static final Field<String> DENIED_ACTION = Field.choice("denied_action", DeniedAction.class)
            .byDefault(DeniedAction.MESSAGE_CONTINUE).help("What happens when the flow's policies deny the user.");
    public static final Field<String> AUTHENTICATION = Field.choice("authentication",
            FlowAuthentication.class).byDefault(FlowAuthentication.NONE).help("Who may start the flow.");

    public static final Definition<FlowChanges> DEFINITION = Definition.define("flow", "Flow")
            .field(NAME, SLUG, TITLE, DESIGNATION, BACKGROUND, POLICY_ENGINE_MODE, COMPATIBILITY_MODE, LAYOUT,
                    DENIED_ACTION, AUTHENTICATION)
            .build(v -> new FlowChanges(v.get(SLUG), v.get(NAME), v.get(TITLE), v.get(DESIGNATION),
                    v.get(AUTHENTICATION), v.get(DENIED_ACTION),
                    v.get(LAYOUT), v.get(POLICY_ENGINE_MODE),
                    v.get(COMPATIBILITY_MODE), v.get(BACKGROUND)));
}
