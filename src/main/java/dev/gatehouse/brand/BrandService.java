package dev.gatehouse.brand;

import dev.gatehouse.core.Actor;
import dev.gatehouse.core.ApplicationStore;
import dev.gatehouse.core.Brand;
import dev.gatehouse.core.BrandStore;
import dev.gatehouse.core.EventLog;
import dev.gatehouse.core.Validation;
import dev.gatehouse.core.errors.NotFoundException;
import dev.gatehouse.core.errors.ValidationException;
import dev.gatehouse.definition.Definition;
import dev.gatehouse.definition.Field;
import dev.gatehouse.flow.FlowStore;
import dev.gatehouse.store.Database;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;

/**
 * Brands: per domain, the title, logo and favicon pages show, and the flows the domain uses for sign-in,
 * sign-out, recovery, unenrollment, user settings, device codes and account lockdown. Exactly one brand is the default one (it
 * serves every host no other brand names); it can be replaced as the default but not deleted.
 */
public final class BrandService {
    private static final String INVALID_PK = "Invalid pk \"%s\" - object does not exist.";
    private final Database db;

    public BrandService(Database db) {
        this.db = db;
    }

    /**
     * A create or update; null fields are "not given", and for the nullable references an empty Optional is
     * "set to none". {@link #DEFINITION} declares the fields.
     */
    public record Changes(String domain, Boolean isDefault, String brandingTitle, String brandingLogo,
                          String brandingFavicon, Optional<UUID> flowAuthentication, Optional<UUID> flowInvalidation,
                          Optional<UUID> flowRecovery, Optional<UUID> flowUnenrollment,
                          Optional<UUID> flowUserSettings, Optional<UUID> flowDeviceCode, Optional<UUID> flowLockdown,
                          Optional<UUID> defaultApplication, Map<String, Object> attributes) {
        public static final Field<String> DOMAIN = Field.string("domain").required().notBlank().maxLength(255)
                .help("The host this brand serves (auth.example.org); the default brand serves every other host.");
        public static final Field<Boolean> DEFAULT = Field.bool("default").byDefault(false)
                .help("Serves every host no other brand names. Only one brand is the default.");
        public static final Field<String> BRANDING_TITLE = Field.string("branding_title").byDefault("Gatehouse")
                .maxLength(200).help("Shown on every page and as the issuer in authenticator apps.");
        public static final Field<String> BRANDING_LOGO = Field.string("branding_logo")
                .byDefault("/static/dist/assets/icons/icon_left_brand.svg");
        public static final Field<String> BRANDING_FAVICON = Field.string("branding_favicon")
                .byDefault("/static/dist/assets/icons/icon.png");
        public static final Field<UUID> FLOW_AUTHENTICATION = Field.ref("flow_authentication", "flow").ofSubtype("authentication").nullable()
                .help("The sign-in flow of this domain.");
        public static final Field<UUID> FLOW_INVALIDATION = Field.ref("flow_invalidation", "flow").ofSubtype("invalidation").nullable()
                .help("The sign-out flow of this domain.");
        public static final Field<UUID> FLOW_RECOVERY = Field.ref("flow_recovery", "flow").ofSubtype("recovery").nullable()
                .help("Offered as \"Forgot password?\".");
        public static final Field<UUID> FLOW_UNENROLLMENT = Field.ref("flow_unenrollment", "flow").ofSubtype("unenrollment").nullable();
        public static final Field<UUID> FLOW_USER_SETTINGS = Field.ref("flow_user_settings", "flow").ofSubtype("stage_configuration").nullable();
        public static final Field<UUID> FLOW_DEVICE_CODE = Field.ref("flow_device_code", "flow").ofSubtype("stage_configuration").nullable()
                .help("Asks for the code shown on a device (OAuth2 device authorization).");
        public static final Field<UUID> FLOW_LOCKDOWN = Field.ref("flow_lockdown", "flow").ofSubtype("stage_configuration").nullable()
                .help("Locks an account down (\"Lock my account\", and an admin's lockdown of a user).");
        public static final Field<UUID> DEFAULT_APPLICATION = Field.ref("default_application", "application")
                .nullable().help("Where a user lands after signing in when no application asked.");
        public static final Field<Map<String, Object>> ATTRIBUTES = Field.object("attributes").byDefault(Map.of());

        public static final Definition<Changes> DEFINITION = Definition.define("brand", "Brand")
                .field(DOMAIN, DEFAULT, BRANDING_TITLE, BRANDING_LOGO, BRANDING_FAVICON, FLOW_AUTHENTICATION,
                        FLOW_INVALIDATION, FLOW_RECOVERY, FLOW_UNENROLLMENT, FLOW_USER_SETTINGS, FLOW_DEVICE_CODE,
                        FLOW_LOCKDOWN, DEFAULT_APPLICATION, ATTRIBUTES)
                .build(v -> new Changes(v.get(DOMAIN), v.get(DEFAULT), v.get(BRANDING_TITLE), v.get(BRANDING_LOGO),
                        v.get(BRANDING_FAVICON), v.optional(FLOW_AUTHENTICATION), v.optional(FLOW_INVALIDATION),
                        v.optional(FLOW_RECOVERY), v.optional(FLOW_UNENROLLMENT), v.optional(FLOW_USER_SETTINGS),
                        v.optional(FLOW_DEVICE_CODE), v.optional(FLOW_LOCKDOWN), v.optional(DEFAULT_APPLICATION),
                        v.get(ATTRIBUTES)));
    }

    public Brand create(Actor actor, Changes c) {
        return db.tx(dsl -> {
            Brand b = merged(new Brand(null, null, false, Changes.BRANDING_TITLE.defaultValue(),
                    Changes.BRANDING_LOGO.defaultValue(), Changes.BRANDING_FAVICON.defaultValue(), null, null, null,
                    null, null, null, null, null, Map.of()), c);
            check(dsl, b, null, c);
            Brand created = new BrandStore(dsl).insert(b);
            EventLog.modelCreated(dsl, actor, "brand", created.pk(), created.domain());
            return created;
        });
    }

    public Brand update(Actor actor, UUID pk, Changes c) {
        return db.tx(dsl -> {
            Brand old = new BrandStore(dsl).byPk(pk).orElseThrow(NotFoundException::new);
            Brand b = merged(old, c);
            if (old.isDefault() && !b.isDefault()) {
                throw ValidationException.of("default", "Make another brand the default instead; one brand is always the default.");
            }
            check(dsl, b, pk, c);
            new BrandStore(dsl).update(b);
            EventLog.modelUpdated(dsl, actor, "brand", pk, b.domain());
            return new BrandStore(dsl).byPk(pk).orElseThrow();
        });
    }

    public void delete(Actor actor, UUID pk) {
        db.txRun(dsl -> {
            Brand b = new BrandStore(dsl).byPk(pk).orElseThrow(NotFoundException::new);
            if (b.isDefault()) {
                throw ValidationException.of("non_field_errors",
                        "The default brand cannot be deleted; make another brand the default first.");
            }
            new BrandStore(dsl).delete(pk);
            EventLog.modelDeleted(dsl, actor, "brand", pk, b.domain());
        });
    }

    private static Brand merged(Brand o, Changes c) {
        return new Brand(o.pk(), or(c.domain(), o.domain()), c.isDefault() != null ? c.isDefault() : o.isDefault(),
                or(c.brandingTitle(), o.brandingTitle()), or(c.brandingLogo(), o.brandingLogo()),
                or(c.brandingFavicon(), o.brandingFavicon()), ref(c.flowAuthentication(), o.flowAuthentication()),
                ref(c.flowInvalidation(), o.flowInvalidation()), ref(c.flowRecovery(), o.flowRecovery()),
                ref(c.flowUnenrollment(), o.flowUnenrollment()), ref(c.flowUserSettings(), o.flowUserSettings()),
                ref(c.flowDeviceCode(), o.flowDeviceCode()), ref(c.flowLockdown(), o.flowLockdown()),
                ref(c.defaultApplication(), o.defaultApplication()),
                c.attributes() != null ? c.attributes() : o.attributes());
    }

    /**
     * The declared constraints of what was given, then checks on the merged brand: a domain, free, one default,
     * and every reference exists.
     */
    private static void check(DSLContext dsl, Brand b, UUID pk, Changes given) {
        Validation v = new Validation();
        Changes.DEFINITION.check(given, v::error);
        v.required(b.domain(), "domain");
        BrandStore brands = new BrandStore(dsl);
        if (b.domain() != null && brands.domainTaken(b.domain(), pk)) {
            v.error("domain", "Brand with this domain already exists.");
        }
        if (b.isDefault() && brands.otherDefault(pk)) {
            v.error("default", "Only a single brand can be set as default.");
        }
        FlowStore flows = new FlowStore(dsl);
        flow(v, flows, b.flowAuthentication(), Changes.FLOW_AUTHENTICATION);
        flow(v, flows, b.flowInvalidation(), Changes.FLOW_INVALIDATION);
        flow(v, flows, b.flowRecovery(), Changes.FLOW_RECOVERY);
        flow(v, flows, b.flowUnenrollment(), Changes.FLOW_UNENROLLMENT);
        flow(v, flows, b.flowUserSettings(), Changes.FLOW_USER_SETTINGS);
        flow(v, flows, b.flowDeviceCode(), Changes.FLOW_DEVICE_CODE);
        flow(v, flows, b.flowLockdown(), Changes.FLOW_LOCKDOWN);
        if (b.defaultApplication() != null && new ApplicationStore(dsl).byPk(b.defaultApplication()).isEmpty()) {
            v.error("default_application", INVALID_PK.formatted(b.defaultApplication()));
        }
        v.throwIfInvalid();
    }

    private static void flow(Validation v, FlowStore flows, UUID pk, Field<UUID> field) {
        if (pk != null && !flows.exists(pk)) {
            v.error(field.name(), INVALID_PK.formatted(pk));
        }
    }

    private static UUID ref(Optional<UUID> given, UUID old) {
        return given == null ? old : given.orElse(null);
    }

    private static String or(String value, String fallback) {
        return value != null ? value : fallback;
    }
}
