package dev.gatehouse.stage.authenticator_validate;

/**
 * The answer to {@code ak-stage-authenticator-validate}: a stage to set up, a device challenge to switch to (an
 * object from the challenge or {@code "<class>:<uid>"}), or a device's answer: a TOTP or recovery {@code code}, or a
 * {@code webauthn} assertion.
 */
public record ValidateResponse(String selectedStage, Object selectedChallenge, Object code, Object webauthn) {

    /** The answer in the field a device class reads ({@code code}, {@code webauthn}). */
    public Object field(String name) {
        return switch (name) {
            case "code" -> code;
            case "webauthn" -> webauthn;
            default -> null;
        };
    }
}
