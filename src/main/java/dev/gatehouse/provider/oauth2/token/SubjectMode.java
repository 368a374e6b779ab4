package dev.gatehouse.provider.oauth2.token;

import dev.gatehouse.core.Installation;
import dev.gatehouse.core.User;

/** The {@code sub} claim by the provider's sub_mode (CONTRACT.md: hashed_user_id is the default). */
public final class SubjectMode {
    private SubjectMode() {
    }

    public static String sub(String mode, User user, Installation installation) {
        return switch (mode) {
            case "user_id" -> String.valueOf(user.pk());
            case "user_uuid" -> String.valueOf(user.uuid());
            case "user_username" -> user.username();
            case "user_email" -> user.email();
            case "user_upn" -> user.attributes().get("upn") instanceof String upn && !upn.isBlank() ? upn : user.email();
            default -> installation.uid(user);
        };
    }
}
