package dev.gatehouse.settings;

import dev.gatehouse.core.Actor;
import dev.gatehouse.core.User;
import dev.gatehouse.core.UserChanges;
import dev.gatehouse.core.UserService;
import dev.gatehouse.core.Validation;

/**
 * A user changing their own profile (authentik's {@code UserSelfSerializer}): the name, the email address and the
 * username, each only when the system settings allow users to change it; then the same rules and events as every
 * other change of a user, through {@link UserService}.
 */
public final class ProfileService {
    private final SettingsService settings;
    private final UserService users;

    public ProfileService(SettingsService settings, UserService users) {
        this.settings = settings;
        this.users = users;
    }

    /** What the user may change about themselves now. */
    public record Allowed(boolean name, boolean email, boolean username) {
    }

    public Allowed allowed() {
        SystemSettings s = settings.get();
        return new Allowed(s.defaultUserChangeName(), s.defaultUserChangeEmail(), s.defaultUserChangeUsername());
    }

    /**
     * Changes the signed-in user's own profile; null is "not given", and a value equal to the current one is no
     * change (so a form may send every field). A change the settings do not allow is a field error.
     */
    public User change(Actor actor, User self, String name, String email, String username) {
        Allowed allowed = allowed();
        Validation v = new Validation();
        String newName = changed(name, self.name());
        String newEmail = changed(email, self.email());
        String newUsername = changed(username, self.username());
        v.check(newName == null || allowed.name(), "name", "Not allowed to change name.");
        v.check(newEmail == null || allowed.email(), "email", "Not allowed to change email address.");
        v.check(newUsername == null || allowed.username(), "username", "Not allowed to change username.");
        v.check(newUsername == null || !newUsername.isBlank(), "username", "This field may not be blank.");
        v.throwIfInvalid();
        if (newName == null && newEmail == null && newUsername == null) {
            return self;
        }
        return users.update(actor, self.pk(), new UserChanges(newUsername, newName, newEmail, null, null, null, null,
                null, null));
    }

    private static String changed(String given, String current) {
        if (given == null) {
            return null;
        }
        String trimmed = given.strip();
        return trimmed.equals(current) ? null : trimmed;
    }
}
