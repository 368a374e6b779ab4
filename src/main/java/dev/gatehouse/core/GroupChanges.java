package dev.gatehouse.core;

import dev.gatehouse.definition.Definition;
import dev.gatehouse.definition.Field;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Fields to set on a group; {@code null} means "leave as is". {@link #DEFINITION} declares them. */
public record GroupChanges(String name, Boolean isSuperuser, List<UUID> parents, Map<String, Object> attributes,
                           List<Long> users) {
    public static final Field<String> NAME = Field.string("name").required().notBlank().maxLength(80);
    public static final Field<Boolean> IS_SUPERUSER = Field.bool("is_superuser").byDefault(false)
            .help("Members are superusers.");
    public static final Field<List<UUID>> PARENTS = Field.refs("parents", "group")
            .help("Members of this group are also members of its parents.");
    public static final Field<Map<String, Object>> ATTRIBUTES = Field.object("attributes").byDefault(Map.of());
    public static final Field<List<Long>> USERS = Field.intRefs("users", "user").help("The direct members.");

    public static final Definition<GroupChanges> DEFINITION = Definition.define("group", "Group")
            .field(NAME, IS_SUPERUSER, PARENTS, USERS, ATTRIBUTES)
            .build(v -> new GroupChanges(v.get(NAME), v.get(IS_SUPERUSER), v.get(PARENTS), v.get(ATTRIBUTES),
                    v.get(USERS)));
}
