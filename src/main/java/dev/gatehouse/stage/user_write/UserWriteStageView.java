package dev.gatehouse.stage.user_write;

import dev.gatehouse.core.Actor;
import dev.gatehouse.core.ConcurrentChangeException;
import dev.gatehouse.core.User;
import dev.gatehouse.core.UserChanges;
import dev.gatehouse.core.UserType;
import dev.gatehouse.core.errors.ValidationException;
import dev.gatehouse.flow.engine.Challenge;
import dev.gatehouse.flow.engine.FlowKeys;
import dev.gatehouse.flow.engine.StageResult;
import dev.gatehouse.flow.engine.StageRun;
import dev.gatehouse.flow.engine.NoAnswer;
import dev.gatehouse.flow.engine.StageView;
import dev.gatehouse.flow.engine.UserWriteHook;
import dev.gatehouse.flow.engine.UserWriteHooks;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Writes the flow's {@code prompt_data} to the pending user, or to a new user when the creation mode asks
 * for one: {@code username}, {@code name}, {@code email} go to those fields, {@code password} sets the
 * password (argon2id), {@code password_repeat} is dropped, {@code attributes.a.b} and every other key go to
 * the user's attributes. Account state (is_active, type, groups, path) is never taken from prompt data.
 */
public final class UserWriteStageView implements StageView<NoAnswer> {
    public static final String CHANGED = "This account was changed while this flow ran; nothing was saved. Start again.";
    private static final Set<String> IGNORED = Set.of("password_repeat", "is_active", "type", "groups", "path",
            "pk", "uuid", "password_hash", "is_superuser", "attributes");

    @Override
    public Optional<Challenge> challenge(StageRun run) {
        return Optional.empty();
    }

    @Override
    public StageResult submit(StageRun run, NoAnswer response) {
        Map<String, Object> data = run.context().get(FlowKeys.PROMPT_DATA).orElse(Map.of());
        UserWriteStageType.Config config = run.config(UserWriteStageType.Config.DEFINITION);
        String mode = config.userCreationMode();
        // As authentik: a signed-in user running the flow (a password change) is the user written to.
        Optional<User> pending = run.context().get(FlowKeys.PENDING_USER)
                .or(() -> Optional.ofNullable(run.request().user()));
        boolean create = mode.equals("always_create") || (pending.isEmpty() && mode.equals("create_when_required"));
        if (!create && pending.isEmpty()) {
            return new StageResult.Deny("No user to write to: this flow has no pending user.");
        }
        if (create && !(data.get("username") instanceof String u && !u.isBlank())) {
            return new StageResult.Deny("Cannot create a user without a username.");
        }
        Map<String, Object> attributes = new LinkedHashMap<>(create ? Map.of() : pending.get().attributes());
        Map<String, Object> written = new LinkedHashMap<>();
        data.forEach((key, value) -> {
            if (!IGNORED.contains(key) && !Set.of("username", "name", "email", "password").contains(key)) {
                putAttribute(attributes, key.startsWith("attributes.") ? key.substring("attributes.".length()) : key, value);
            }
            if (!key.equals("password") && !key.equals("password_repeat")) {
                written.put(key, value);
            }
        });
        UserChanges changes = new UserChanges(text(data, "username"), text(data, "name"), text(data, "email"),
                create ? !config.createUsersAsInactive() : null,
                create ? UserType.parse(config.userType()) : null,
                create ? path(config) : null, attributes, create ? groups(config) : null, null);
        Actor actor = new Actor(run.request().user() != null ? run.request().user() : pending.orElse(null),
                run.request().clientIp(), run.request().session());
        try {
            User user = run.services().users().write(actor, create ? null : pending.get(), changes,
                    text(data, "password"), written, (tx, u) -> UserWriteHooks.written(run, tx, u));
            run.context().put(FlowKeys.PENDING_USER, user);
            return StageResult.CONTINUE;
        } catch (ConcurrentChangeException e) {
            return new StageResult.Deny(CHANGED);
        } catch (UserWriteHook.Refused e) {
            return new StageResult.Deny(e.getMessage());
        } catch (ValidationException e) {
            return new StageResult.Deny("Failed to save the user: " + e.errors().entrySet().stream()
                    .map(en -> en.getKey() + ": " + String.join(" ", en.getValue())).reduce((a, b) -> a + "; " + b)
                    .orElse("invalid data") );
        }
    }

    private static String text(Map<String, Object> data, String key) {
        return data.get(key) instanceof String s ? s : null;
    }

    private static String path(UserWriteStageType.Config config) {
        String template = config.userPathTemplate();
        return template == null || template.isBlank() ? "users" : template;
    }

    private static List<UUID> groups(UserWriteStageType.Config config) {
        UUID group = config.createUsersGroup();
        return group == null ? List.of() : List.of(group);
    }

    /** Sets {@code a.b.c} in nested maps, creating the levels that are missing. */
    @SuppressWarnings("unchecked")
    static void putAttribute(Map<String, Object> attributes, String dotted, Object value) {
        String[] parts = dotted.split("\\.");
        Map<String, Object> level = attributes;
        for (int i = 0; i < parts.length - 1; i++) {
            Object next = level.get(parts[i]);
            Map<String, Object> child = next instanceof Map<?, ?> m ? new LinkedHashMap<>((Map<String, Object>) m)
                    : new LinkedHashMap<>();
            level.put(parts[i], child);
            level = child;
        }
        level.put(parts[parts.length - 1], value);
    }
}
