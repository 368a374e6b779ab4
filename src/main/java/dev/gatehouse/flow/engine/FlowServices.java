package dev.gatehouse.flow.engine;

import dev.gatehouse.config.EmailSettings;
import dev.gatehouse.core.UserService;
import dev.gatehouse.crypto.SecretBox;
import dev.gatehouse.mail.Mailer;
import dev.gatehouse.policy.engine.PolicyEngine;
import dev.gatehouse.store.Database;
import dev.gatehouse.throttle.LoginThrottle;
import java.nio.file.Path;

/**
 * The services stages may use. {@code deviceSecrets} seals authenticator device secrets (TOTP) under a key
 * derived from SECRET_KEY ({@link #DEVICE_SECRETS_PURPOSE}). {@code plans} are the stored plans (the email stage
 * parks a plan under a link's token there). {@code mailer} sends mail, with the global {@code email} settings unless
 * a stage has its own; {@code emailTemplates} is the directory of custom email templates.
 */
public record FlowServices(Database db, UserService users, LoginThrottle throttle, PolicyEngine policies,
                           SecretBox deviceSecrets, FlowPlans plans, Mailer mailer, EmailSettings email,
                           Path emailTemplates) {
    public static final String DEVICE_SECRETS_PURPOSE = "gatehouse/authenticator/device-secret/v1";

    /** The device-secret box for an installation's SECRET_KEY. */
    public static SecretBox deviceSecrets(String secretKey) {
        return new SecretBox(secretKey, DEVICE_SECRETS_PURPOSE);
    }
}
