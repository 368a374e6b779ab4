package dev.gatehouse.policy.engine;

import java.util.ServiceLoader;
import org.jooq.DSLContext;

/**
 * Whether a user has at least one confirmed authenticator device, for policies that ask
 * ({@code ak_user_has_authenticator}). The device classes answer it; the engine finds them through
 * {@code META-INF/services/dev.gatehouse.policy.engine.ConfirmedAuthenticators} without naming them.
 */
public interface ConfirmedAuthenticators {
    boolean anyConfirmed(DSLContext dsl, long user);

    /** The registered answer; a user has none when no device classes are registered. */
    static ConfirmedAuthenticators registered() {
        return ServiceLoader.load(ConfirmedAuthenticators.class, ConfirmedAuthenticators.class.getClassLoader())
                .findFirst().orElse((dsl, user) -> false);
    }
}
