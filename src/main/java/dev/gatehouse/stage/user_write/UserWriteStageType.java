package dev.gatehouse.stage.user_write;

import dev.gatehouse.definition.Definition;
import dev.gatehouse.definition.Field;
import java.util.UUID;
import dev.gatehouse.flow.engine.StageType;
import java.util.List;

/** Writes prompt data to the pending user, creating the user when the mode says so. */
public final class UserWriteStageType implements StageType {
    public static final List<String> CREATION_MODES = List.of("never_create", "create_when_required", "always_create");
    public static final List<String> USER_TYPES = List.of("internal", "external", "service_account",
            "internal_service_account");

    @Override
    public String name() {
        return "user_write";
    }

    /** The stage's config as its views read it; {@link #DEFINITION} declares each field once. */
    public record Config(String userCreationMode, boolean createUsersAsInactive, UUID createUsersGroup, String userType,
                         String userPathTemplate) {
        public static final Field<String> USER_CREATION_MODE = Field.oneOf("user_creation_mode", CREATION_MODES).byDefault("create_when_required");
        public static final Field<Boolean> CREATE_USERS_AS_INACTIVE = Field.bool("create_users_as_inactive").byDefault(false);
        public static final Field<UUID> CREATE_USERS_GROUP = Field.ref("create_users_group", "group").nullable()
                .help("New users are added to this group.");
        public static final Field<String> USER_TYPE = Field.oneOf("user_type", USER_TYPES).byDefault("external");
        public static final Field<String> USER_PATH_TEMPLATE = Field.string("user_path_template").byDefault("");

        public static final Definition<Config> DEFINITION = Definition.define("user_write_stage", "UserWriteStage")
                .field(USER_CREATION_MODE, CREATE_USERS_AS_INACTIVE, CREATE_USERS_GROUP, USER_TYPE, USER_PATH_TEMPLATE)
                .build(v -> new Config(v.value(USER_CREATION_MODE), v.value(CREATE_USERS_AS_INACTIVE), v.get(CREATE_USERS_GROUP), v.value(USER_TYPE), v.value(USER_PATH_TEMPLATE)));
    }

    @Override
    public Definition<Config> config() {
        return Config.DEFINITION;
    }

    private static final UserWriteStageView VIEW = new UserWriteStageView();

    @Override
    public dev.gatehouse.flow.engine.StageView<?> view() {
        return VIEW;
    }
}
