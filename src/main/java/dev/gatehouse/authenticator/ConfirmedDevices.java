package dev.gatehouse.authenticator;

import dev.gatehouse.policy.engine.ConfirmedAuthenticators;
import org.jooq.DSLContext;

/** The policy engine's view of the device classes: a user has an authenticator when any class has a confirmed device. */
public final class ConfirmedDevices implements ConfirmedAuthenticators {
    @Override
    public boolean anyConfirmed(DSLContext dsl, long user) {
        return DeviceClasses.anyConfirmed(dsl, user);
    }
}
