package dev.gatehouse.core;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Fields to set on a user; {@code null} means "leave as is" (PATCH), and on create the defaults apply.
 * {@code passwordHash} imports an existing hash (argon2, bcrypt, Django pbkdf2_sha256).
 */
public record UserChanges(String username, String name, String email, Boolean isActive, UserType type, String path,
                          Map<String, Object> attributes, List<UUID> groups, String passwordHash) {
}
