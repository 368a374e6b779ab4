package dev.gatehouse.flow.engine;

import dev.gatehouse.core.UserService;
import dev.gatehouse.crypto.SecretBox;
import dev.gatehouse.policy.engine.PolicyEngine;
import dev.gatehouse.store.Database;
import dev.gatehouse.throttle.LoginThrottle;

/**
 * The services stages may use. {@code deviceSecrets} seals authenticator device secrets (TOTP) under a key
 * derived from SECRET_KEY ({@link #DEVICE_SECRETS_PURPOSE}).
 */
public record FlowServices(Database db, UserService users, LoginThrottle throttle, PolicyEngine policies,
                           SecretBox deviceSecrets) {
    public static final String DEVICE_SECRETS_PURPOSE = "gatehouse/authenticator/device-secret/v1";

    /** The device-secret box for an installation's SECRET_KEY. */
    public static SecretBox deviceSecrets(String secretKey) {
        return new SecretBox(secretKey, DEVICE_SECRETS_PURPOSE);
    }
}
