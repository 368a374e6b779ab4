package dev.gatehouse.flow.engine;

import dev.gatehouse.core.Application;
import dev.gatehouse.core.User;
import java.util.Optional;

/**
 * How a stored plan finds the objects its context and in-memory stages name by primary key: they are read
 * again when the plan is loaded, so a user deactivated or changed since the last step is seen as it is now.
 */
public interface ContextRefs {

    Optional<User> user(long pk);

    Optional<Application> application(java.util.UUID pk);
}
