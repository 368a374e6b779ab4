package dev.gatehouse.stage;

import dev.gatehouse.stage.authenticator_webauthn.AuthenticatorWebAuthnStageType;
import dev.gatehouse.stage.authenticator_static.StaticStageType;
import dev.gatehouse.stage.authenticator_totp.TotpStageType;
import dev.gatehouse.stage.authenticator_validate.ValidateStageType;
import dev.gatehouse.stage.consent.ConsentStageType;
import dev.gatehouse.stage.deny.DenyStageType;
import dev.gatehouse.stage.dummy.DummyStageType;
import dev.gatehouse.stage.identification.IdentificationStageType;
import dev.gatehouse.stage.initial_setup.InitialSetupStageType;
import dev.gatehouse.stage.password.PasswordStageType;
import dev.gatehouse.stage.prompt.PromptStageType;
import dev.gatehouse.stage.user_login.UserLoginStageType;
import dev.gatehouse.stage.user_logout.UserLogoutStageType;
import dev.gatehouse.stage.user_write.UserWriteStageType;
import java.util.List;
import java.util.Optional;

/** The registry of stage types: one entry per type, nothing else to change when a type is added. */
public final class StageTypes {
    private static final List<StageType> ALL = List.of(new IdentificationStageType(), new PasswordStageType(),
            new UserLoginStageType(), new UserLogoutStageType(), new DenyStageType(), new ConsentStageType(),
            new PromptStageType(), new UserWriteStageType(), new InitialSetupStageType(), new TotpStageType(),
            new StaticStageType(), new ValidateStageType(), new AuthenticatorWebAuthnStageType(),
            new DummyStageType());

    private StageTypes() {
    }

    public static List<StageType> all() {
        return ALL;
    }

    public static Optional<StageType> byName(String name) {
        return ALL.stream().filter(t -> t.name().equals(name)).findFirst();
    }
}
