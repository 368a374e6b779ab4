package dev.gatehouse.settings;

import dev.gatehouse.core.Actor;
import dev.gatehouse.core.EventLog;
import dev.gatehouse.core.Validation;
import dev.gatehouse.definition.Definition;
import dev.gatehouse.definition.Field;
import dev.gatehouse.definition.Kind;
import dev.gatehouse.store.Database;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.jooq.DSLContext;

/**
 * The system settings, a singleton: read (every setting not set reads as its default, authentik's defaults) and
 * changed (only the fields given). The API's {@code admin/settings/} and the user interface read them here.
 */
public final class SettingsService {
    /** authentik's timedelta notation: {@code days=365}, {@code hours=1;minutes=30}. */
    static final Pattern DURATION = Pattern.compile(
            "(?:(?:weeks|days|hours|minutes|seconds|milliseconds|microseconds)=\\d+(?:\\.\\d+)?;?)+");
    static final String DURATION_MESSAGE = "Enter a duration such as days=365 or hours=1;minutes=30.";
    private final Database db;

    public SettingsService(Database db) {
        this.db = db;
    }

    /** A change; null fields are "not given". {@link #DEFINITION} declares the fields. */
    public record Changes(String avatars, Boolean defaultUserChangeName, Boolean defaultUserChangeEmail,
                          Boolean defaultUserChangeUsername, String eventRetention,
                          List<Map<String, Object>> footerLinks, Boolean gdprCompliance, Boolean impersonation,
                          String defaultTokenDuration, Integer defaultTokenLength) {
        public static final Field<String> AVATARS = Field.string("avatars").byDefault("gravatar,initials")
                .maxLength(1000).help("Where avatars come from, in order: none, initials, gravatar, attributes.<key> "
                        + "or a URL template; comma separated.");
        public static final Field<Boolean> DEFAULT_USER_CHANGE_NAME = Field.bool("default_user_change_name")
                .byDefault(true).help("Users may change their own name.");
        public static final Field<Boolean> DEFAULT_USER_CHANGE_EMAIL = Field.bool("default_user_change_email")
                .byDefault(false).help("Users may change their own email address.");
        public static final Field<Boolean> DEFAULT_USER_CHANGE_USERNAME = Field.bool("default_user_change_username")
                .byDefault(false).help("Users may change their own username.");
        public static final Field<String> EVENT_RETENTION = Field.string("event_retention").byDefault("days=365")
                .notBlank().maxLength(100).pattern(DURATION, DURATION_MESSAGE)
                .help("How long events are kept (days=365).");
        public static final Field<List<Map<String, Object>>> FOOTER_LINKS = Field.of("footer_links",
                        Kind.listOf(Kind.OBJECT)).byDefault(List.of()).problem(SettingsService::footerProblem)
                .help("Links shown under every page: a list of {\"name\": ..., \"href\": ...}.");
        public static final Field<Boolean> GDPR_COMPLIANCE = Field.bool("gdpr_compliance").byDefault(true)
                .help("When a user is deleted, their events are deleted too.");
        public static final Field<Boolean> IMPERSONATION = Field.bool("impersonation").byDefault(true)
                .help("Superusers may impersonate other users.");
        public static final Field<String> DEFAULT_TOKEN_DURATION = Field.string("default_token_duration")
                .byDefault("minutes=30").notBlank().maxLength(100).pattern(DURATION, DURATION_MESSAGE)
                .help("How long a new token is valid unless given an expiry (minutes=30).");
        public static final Field<Integer> DEFAULT_TOKEN_LENGTH = Field.int32("default_token_length").byDefault(60)
                .min(1).max(1024).help("Length of generated token keys.");

        public static final Definition<Changes> DEFINITION = Definition.define("settings", "Settings")
                .field(AVATARS, DEFAULT_USER_CHANGE_NAME, DEFAULT_USER_CHANGE_EMAIL, DEFAULT_USER_CHANGE_USERNAME,
                        EVENT_RETENTION, FOOTER_LINKS, GDPR_COMPLIANCE, IMPERSONATION, DEFAULT_TOKEN_DURATION,
                        DEFAULT_TOKEN_LENGTH)
                .build(v -> new Changes(v.get(AVATARS), v.get(DEFAULT_USER_CHANGE_NAME),
                        v.get(DEFAULT_USER_CHANGE_EMAIL), v.get(DEFAULT_USER_CHANGE_USERNAME), v.get(EVENT_RETENTION),
                        v.get(FOOTER_LINKS), v.get(GDPR_COMPLIANCE), v.get(IMPERSONATION),
                        v.get(DEFAULT_TOKEN_DURATION), v.get(DEFAULT_TOKEN_LENGTH)));
    }

    /** The settings now: what was set, every other setting its default. */
    public SystemSettings get() {
        return of(new SettingsStore(db.dsl()).stored());
    }

    /** Changes the given settings; the declared constraints are checked first (400 with every field's problem). */
    public SystemSettings update(Actor actor, Changes c) {
        return db.tx(dsl -> update(dsl, actor, c));
    }

    private static SystemSettings update(DSLContext dsl, Actor actor, Changes c) {
        Validation v = new Validation();
        Changes.DEFINITION.check(c, v::error);
        v.throwIfInvalid();
        SettingsStore store = new SettingsStore(dsl);
        Map<String, Object> stored = new LinkedHashMap<>(store.lockStored());
        put(stored, Changes.AVATARS, c.avatars());
        put(stored, Changes.DEFAULT_USER_CHANGE_NAME, c.defaultUserChangeName());
        put(stored, Changes.DEFAULT_USER_CHANGE_EMAIL, c.defaultUserChangeEmail());
        put(stored, Changes.DEFAULT_USER_CHANGE_USERNAME, c.defaultUserChangeUsername());
        put(stored, Changes.EVENT_RETENTION, c.eventRetention());
        put(stored, Changes.FOOTER_LINKS, c.footerLinks());
        put(stored, Changes.GDPR_COMPLIANCE, c.gdprCompliance());
        put(stored, Changes.IMPERSONATION, c.impersonation());
        put(stored, Changes.DEFAULT_TOKEN_DURATION, c.defaultTokenDuration());
        put(stored, Changes.DEFAULT_TOKEN_LENGTH, c.defaultTokenLength());
        store.save(stored);
        EventLog.modelUpdated(dsl, actor, "settings", 1, "System settings");
        return of(stored);
    }

    private static <T> void put(Map<String, Object> stored, Field<T> field, T value) {
        if (value != null) {
            stored.put(field.name(), value);
        }
    }

    @SuppressWarnings("unchecked")
    private static SystemSettings of(Map<String, Object> s) {
        return new SystemSettings(text(s, Changes.AVATARS), bool(s, Changes.DEFAULT_USER_CHANGE_NAME),
                bool(s, Changes.DEFAULT_USER_CHANGE_EMAIL), bool(s, Changes.DEFAULT_USER_CHANGE_USERNAME),
                text(s, Changes.EVENT_RETENTION),
                s.get(Changes.FOOTER_LINKS.name()) instanceof List<?> l ? (List<Map<String, Object>>) l
                        : Changes.FOOTER_LINKS.defaultValue(),
                bool(s, Changes.GDPR_COMPLIANCE), bool(s, Changes.IMPERSONATION),
                text(s, Changes.DEFAULT_TOKEN_DURATION),
                s.get(Changes.DEFAULT_TOKEN_LENGTH.name()) instanceof Number n ? n.intValue()
                        : Changes.DEFAULT_TOKEN_LENGTH.defaultValue());
    }

    private static String text(Map<String, Object> s, Field<String> f) {
        return s.get(f.name()) instanceof String v ? v : f.defaultValue();
    }

    private static boolean bool(Map<String, Object> s, Field<Boolean> f) {
        return s.get(f.name()) instanceof Boolean v ? v : f.defaultValue();
    }

    /**
     * Each footer link has a name and an href that is a web or mail address (or a path on this server): the links
     * are shown on every page, so a {@code javascript:} address is refused.
     */
    static String footerProblem(List<Map<String, Object>> links) {
        for (Map<String, Object> link : links) {
            if (!(link.get("name") instanceof String name) || name.isBlank()) {
                return "Each link needs a name.";
            }
            Object href = link.get("href");
            if (href != null && !(href instanceof String h && (h.startsWith("https://") || h.startsWith("http://")
                    || h.startsWith("mailto:") || (h.startsWith("/") && !h.startsWith("//"))))) {
                return "A link's href must start with https://, http://, mailto: or /.";
            }
        }
        return null;
    }
}
