package dev.gatehouse.authenticator;

import org.jooq.DSLContext;

/**
 * One class of authenticator device (authentik's {@code DeviceClasses}: {@code totp}, {@code static},
 * {@code webauthn}). Adding a class means writing one of these and listing it in {@link DeviceClasses}: the
 * validate stage, the devices API ({@code authenticators/<name>/}, {@code authenticators/all/}, the admin
 * endpoints), the settings page, {@code ak_user_has_authenticator} and the amr claim then know it.
 */
public interface DeviceClass {
    /** The class name in {@code device_classes} and {@code device_challenges}, and the API path segment. */
    String name();

    /** The RFC 8176 amr value a validation with this class adds ({@code otp}, {@code hwk}). */
    String amr();

    /** authentik's verbose name: {@code TOTP Device}. */
    String verboseName();

    /** authentik's model label, the devices API's {@code type}: {@code authentik_stages_authenticator_totp.TOTPDevice}. */
    String modelLabel();

    /** authentik's {@code meta_model_name}: {@code authentik_stages_authenticator_totp.totpdevice}. */
    default String metaModelName() {
        return modelLabel().toLowerCase(java.util.Locale.ROOT);
    }

    /** The stage type that enrolls a device of this class ({@code authenticator_totp}). */
    String setupStageType();

    /** The slug of the default flow that enrolls a device of this class. */
    default String setupFlowSlug() {
        return "default-authenticator-" + name() + "-setup";
    }

    /** The longest name a device of this class may be given (authentik's model field). */
    default int maxNameLength() {
        return 64;
    }

    DeviceRows rows(DSLContext dsl);

    /**
     * The fields authentik's serializer for this class has beyond the shared ones, for the per-class devices API
     * ({@code aaguid} for WebAuthn); none by default.
     */
    default java.util.Map<String, Object> extraFields(DSLContext dsl, Device device) {
        return java.util.Map.of();
    }

    DeviceChallenger challenger();
}
