package dev.gatehouse.flow.engine;

import dev.gatehouse.core.User;
import java.util.List;
import java.util.ServiceLoader;
import org.jooq.DSLContext;

/**
 * The registry of {@link UserWriteHook}s: one line per hook in
 * {@code META-INF/services/dev.gatehouse.flow.engine.UserWriteHook}, in that file's order.
 */
public final class UserWriteHooks {
    private static final List<UserWriteHook> ALL = ServiceLoader.load(UserWriteHook.class,
            UserWriteHooks.class.getClassLoader()).stream().map(ServiceLoader.Provider::get).toList();

    private UserWriteHooks() {
    }

    public static List<UserWriteHook> all() {
        return ALL;
    }

    /** Calls every hook in turn; a {@link UserWriteHook.Refused} from one stops the rest and propagates. */
    public static void written(StageRun run, DSLContext tx, User user) {
        for (UserWriteHook hook : ALL) {
            hook.written(run, tx, user);
        }
    }
}
