package dev.gatehouse.stage.email;

import dev.gatehouse.config.EmailSettings;
import dev.gatehouse.core.ConfigCheck;
import dev.gatehouse.core.Timedelta;
import dev.gatehouse.definition.Definition;
import dev.gatehouse.definition.Field;
import dev.gatehouse.flow.engine.StageType;
import dev.gatehouse.flow.engine.StageView;
import java.time.Duration;

/**
 * Sends the pending user a link that resumes the flow (authentik's EmailStage): password reset, account
 * confirmation or a custom template, over the global {@code EMAIL__*} settings or the stage's own.
 */
public final class EmailStageType implements StageType {
    private static final EmailStageView VIEW = new EmailStageView();

    @Override
    public String name() {
        return "email";
    }

    /** The stage's config as its view reads it; {@link #DEFINITION} declares each field once. */
    public record Config(boolean useGlobalSettings, String host, int port, String username, String password,
                         boolean useTls, boolean useSsl, int timeout, String fromAddress, String tokenExpiry,
                         String subject, String template, boolean activateUserOnSuccess) {
        public static final Field<Boolean> USE_GLOBAL_SETTINGS = Field.bool("use_global_settings").byDefault(true)
                .help("When enabled, global Email connection settings will be used and connection settings below will be ignored.");
        public static final Field<String> HOST = Field.string("host").byDefault("localhost");
        public static final Field<Integer> PORT = Field.int32("port").byDefault(25).min(1).max(65535);
        public static final Field<String> USERNAME = Field.string("username").byDefault("");
        public static final Field<String> PASSWORD = Field.string("password").byDefault("").writeOnly();
        public static final Field<Boolean> USE_TLS = Field.bool("use_tls").byDefault(false)
                .help("STARTTLS after connecting.");
        public static final Field<Boolean> USE_SSL = Field.bool("use_ssl").byDefault(false)
                .help("TLS from the start of the connection (SMTPS).");
        public static final Field<Integer> TIMEOUT = Field.int32("timeout").byDefault(10).min(1).max(300)
                .help("Seconds to wait for the SMTP server.");
        public static final Field<String> FROM_ADDRESS = Field.string("from_address").byDefault("system@authentik.local");
        public static final Field<String> TOKEN_EXPIRY = Field.string("token_expiry").problem(Timedelta::problem)
                .byDefault("minutes=30").help("Time the token sent is valid (Format: hours=3;minutes=17;seconds=300).");
        public static final Field<String> SUBJECT = Field.string("subject").byDefault("authentik");
        public static final Field<String> TEMPLATE = Field.string("template").problem(EmailTemplates::problem)
                .byDefault(EmailTemplates.PASSWORD_RESET)
                .help("email/password_reset.html, email/account_confirmation.html, or the path of a custom template "
                        + "in the templates directory.");
        public static final Field<Boolean> ACTIVATE_USER_ON_SUCCESS = Field.bool("activate_user_on_success")
                .byDefault(false).help("Activate users upon completion of stage.");

        public static final Definition<Config> DEFINITION = Definition.define("email_stage", "EmailStage")
                .field(USE_GLOBAL_SETTINGS, HOST, PORT, USERNAME, PASSWORD, USE_TLS, USE_SSL, TIMEOUT, FROM_ADDRESS,
                        TOKEN_EXPIRY, SUBJECT, TEMPLATE, ACTIVATE_USER_ON_SUCCESS)
                .build(v -> new Config(v.value(USE_GLOBAL_SETTINGS), v.value(HOST), v.value(PORT), v.value(USERNAME),
                        v.value(PASSWORD), v.value(USE_TLS), v.value(USE_SSL), v.value(TIMEOUT), v.value(FROM_ADDRESS),
                        v.value(TOKEN_EXPIRY), v.value(SUBJECT), v.value(TEMPLATE), v.value(ACTIVATE_USER_ON_SUCCESS)));

        /** The SMTP settings to send with: the global ones, or the stage's own. */
        public EmailSettings smtp(EmailSettings global) {
            return useGlobalSettings ? global
                    : new EmailSettings(host, port, username, password, useTls, useSsl, timeout, fromAddress);
        }

        /** How long the link works. */
        public Duration linkLifetime() {
            return Timedelta.parse(tokenExpiry);
        }
    }

    @Override
    public Definition<Config> config() {
        return Config.DEFINITION;
    }

    @Override
    public void validate(ConfigCheck c) {
        if (Boolean.TRUE.equals(c.value("use_tls")) && Boolean.TRUE.equals(c.value("use_ssl"))) {
            c.error("use_ssl", "use_tls (STARTTLS) and use_ssl (SMTPS) cannot both be set.");
        }
    }

    @Override
    public StageView<?> view() {
        return VIEW;
    }
}
