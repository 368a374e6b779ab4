package dev.gatehouse.core;

import dev.gatehouse.definition.Definition;
import dev.gatehouse.definition.Field;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Fields to set on a user; {@code null} means "leave as is" (PATCH), and on create the defaults apply.
 * {@code passwordHash} imports an existing hash (argon2, bcrypt, Django pbkdf2_sha256). {@link #DEFINITION}
 * declares the fields as requests give them.
 */
public record UserChanges(String username, String name, String email, Boolean isActive, UserType type, String path,
                          Map<String, Object> attributes, List<UUID> groups, String passwordHash) {
    public static final Field<String> USERNAME = Field.string("username").required().notBlank().maxLength(150)
            .help("Unique; what the user signs in with.");
    public static final Field<String> NAME = Field.string("name").required().help("The user's display name.");
    public static final Field<String> EMAIL = Field.string("email").maxLength(254)
            .pattern(Pattern.compile("|[^@\\s]+@[^@\\s]+"), "Enter a valid email address.");
    public static final Field<Boolean> IS_ACTIVE = Field.bool("is_active").byDefault(true).label("Is active")
            .help("An inactive user cannot sign in.");
    public static final Field<UserType> TYPE = Field.constant("type", UserType.class).byDefault(UserType.INTERNAL)
            .label("User type").help("Internal users are people of your organisation; external users are guests "
                    + "such as customers; service accounts are for scripts and other services.");
    public static final Field<String> PATH = Field.string("path").maxLength(200).byDefault("users")
            .help("Where the user sits in the directory tree, without leading or trailing slashes.");
    public static final Field<Map<String, Object>> ATTRIBUTES = Field.object("attributes").byDefault(Map.of());
    public static final Field<List<UUID>> GROUPS = Field.refs("groups", "group").help("The groups the user is a direct member of.");
    public static final Field<String> PASSWORD_HASH = Field.string("password_hash").writeOnly()
            .help("Imports an existing password hash (argon2, bcrypt, pbkdf2_sha256).");

    public static final Definition<UserChanges> DEFINITION = Definition.define("user", "User")
            .field(USERNAME, NAME, EMAIL, IS_ACTIVE, TYPE, PATH, ATTRIBUTES, GROUPS, PASSWORD_HASH)
            .build(v -> new UserChanges(v.get(USERNAME), v.get(NAME), v.get(EMAIL), v.get(IS_ACTIVE), v.get(TYPE),
                    v.get(PATH), v.get(ATTRIBUTES), v.get(GROUPS), v.get(PASSWORD_HASH)));
}
