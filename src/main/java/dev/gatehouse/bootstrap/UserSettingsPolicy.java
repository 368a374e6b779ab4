package dev.gatehouse.bootstrap;

import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The CEL expression of {@code default-user-settings-authorization}, the validation policy of the default user
 * settings flow: for each of username, name and email, the answer equals the user's current value, or the user's
 * group attribute {@code goauthentik.io/user/can-change-<field>} is true; otherwise the policy fails with
 * authentik's message ("Not allowed to change username.").
 */
final class UserSettingsPolicy {
    static final String EXPRESSION = Stream.of(
                    clause("username", "username", "Not allowed to change username."),
                    clause("name", "name", "Not allowed to change name."),
                    clause("email", "email", "Not allowed to change email address."))
            .collect(Collectors.joining("\n&& "));

    private UserSettingsPolicy() {
    }

    private static String clause(String field, String attribute, String message) {
        return "(!has(context.prompt_data." + field + ") || context.prompt_data." + field + " == user." + field
                + "\n || user.?group_attributes.orValue({})[?'goauthentik.io/user/can-change-" + attribute
                + "'].orValue(false) == true\n || (ak_message('" + message + "') && false))";
    }
}
