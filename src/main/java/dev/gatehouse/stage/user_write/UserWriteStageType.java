package dev.gatehouse.stage.user_write;

import dev.gatehouse.core.ConfigCheck;
import dev.gatehouse.stage.StageType;
import java.util.List;
import java.util.Map;

/** Writes prompt data to the pending user, creating the user when the mode says so. */
public final class UserWriteStageType implements StageType {
    public static final List<String> CREATION_MODES = List.of("never_create", "create_when_required", "always_create");
    public static final List<String> USER_TYPES = List.of("internal", "external", "service_account",
            "internal_service_account");

    @Override
    public String name() {
        return "user_write";
    }

    @Override
    public Map<String, Object> defaults() {
        return ConfigCheck.map("user_creation_mode", "create_when_required", "create_users_as_inactive", false,
                "create_users_group", null, "user_type", "external", "user_path_template", "");
    }

    private static final UserWriteStageView VIEW = new UserWriteStageView();

    @Override
    public dev.gatehouse.flow.engine.StageView view() {
        return VIEW;
    }

    @Override
    public void validate(ConfigCheck c) {
        c.oneOf("user_creation_mode", CREATION_MODES);
        c.bool("create_users_as_inactive");
        c.group("create_users_group");
        c.oneOf("user_type", USER_TYPES);
        c.string("user_path_template");
    }
}
