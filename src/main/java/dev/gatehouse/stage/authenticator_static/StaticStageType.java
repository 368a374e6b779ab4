package dev.gatehouse.stage.authenticator_static;

import dev.gatehouse.core.ConfigCheck;
import dev.gatehouse.flow.engine.StageView;
import dev.gatehouse.stage.StageType;
import java.util.Map;

/** Enrolls a set of static recovery codes (authentik's {@code AuthenticatorStaticStage}), shown once. */
public final class StaticStageType implements StageType {
    public static final String NAME = "authenticator_static";
    private static final StaticSetupView VIEW = new StaticSetupView();

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Map<String, Object> defaults() {
        return ConfigCheck.map("configure_flow", null, "friendly_name", null, "token_count", 6, "token_length", 12);
    }

    @Override
    public void validate(ConfigCheck c) {
        c.flow("configure_flow");
        Object friendly = c.value("friendly_name");
        if (friendly != null && !(friendly instanceof String)) {
            c.error("friendly_name", "Not a valid string.");
        }
        Integer count = c.integer("token_count", 1);
        if (count != null && count > 100) {
            c.error("token_count", "Ensure this value is less than or equal to 100.");
        }
        Integer length = c.integer("token_length", 8);
        if (length != null && length > 100) {
            c.error("token_length", "Ensure this value is less than or equal to 100.");
        }
    }

    @Override
    public StageView view() {
        return VIEW;
    }

    @Override
    public String apiPath() {
        return "authenticator/static";
    }

    @Override
    public String modelName() {
        return "authenticatorstaticstage";
    }
}
