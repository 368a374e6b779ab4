package dev.gatehouse.authenticator;

import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import org.jooq.DSLContext;

/**
 * The registry of device classes: one line per class in
 * {@code META-INF/services/dev.gatehouse.authenticator.DeviceClass}, nothing else to change when a class is added;
 * the list keeps the order of that file.
 */
public final class DeviceClasses {
    /**
     * The class names authentik knows; a validate stage may allow any of them (a class without an implementation
     * here has no devices, so it is simply never offered).
     */
    public static final List<String> KNOWN = List.of("static", "totp", "webauthn", "duo", "sms", "email");

    private static final List<DeviceClass> ALL = ServiceLoader.load(DeviceClass.class,
            DeviceClasses.class.getClassLoader()).stream().map(ServiceLoader.Provider::get).toList();

    private DeviceClasses() {
    }

    public static List<DeviceClass> all() {
        return ALL;
    }

    public static Optional<DeviceClass> byName(String name) {
        return ALL.stream().filter(c -> c.name().equals(name)).findFirst();
    }

    /** Whether the user has at least one confirmed device of any class ({@code ak_user_has_authenticator}). */
    public static boolean anyConfirmed(DSLContext dsl, long user) {
        for (DeviceClass c : ALL) {
            if (c.rows(dsl).hasConfirmed(user)) {
                return true;
            }
        }
        return false;
    }

    /** Every device of the user, class by class in registry order. */
    public static List<Device> ofUser(DSLContext dsl, long user) {
        return ALL.stream().flatMap(c -> c.rows(dsl).ofUser(user).stream()).toList();
    }
}
