package dev.gatehouse.stage.authenticator_validate;

import dev.gatehouse.authenticator.Device;
import dev.gatehouse.authenticator.DeviceClass;
import dev.gatehouse.authenticator.DeviceClasses;
import dev.gatehouse.authenticator.DeviceOwner;
import dev.gatehouse.core.Actor;
import dev.gatehouse.core.EventLog;
import dev.gatehouse.core.Timedelta;
import dev.gatehouse.core.User;
import dev.gatehouse.flow.Stage;
import dev.gatehouse.flow.StageStore;
import dev.gatehouse.flow.engine.StageRun;
import dev.gatehouse.stage.identification.PasskeyLogin;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;

/**
 * What the validate stage has to do for the plan's user, worked out from its config and the user's confirmed
 * devices of the allowed classes: nothing, refuse, enroll the user (one configuration stage, or a choice), or ask
 * for one of the devices.
 */
sealed interface ValidateSituation {
    /**
     * No user, a passwordless passkey sign-in (already possession and user verification), no device and skip, or
     * a device used within last_auth_threshold: the stage passes.
     */
    record Pass() implements ValidateSituation {
    }

    record Refuse(String message) implements ValidateSituation {
    }

    /** Exactly one configuration stage: it runs next. */
    record Configure(Stage stage) implements ValidateSituation {
    }

    /** Several configuration stages: the user picks one ({@code selected_stage}). */
    record ChooseStage(User user, List<Stage> stages) implements ValidateSituation {
    }

    /** The user's devices to answer with. */
    record Ask(User user, List<Offered> devices) implements ValidateSituation {
    }

    /** A device and its class. */
    record Offered(DeviceClass type, Device device) {
        String uid() {
            return Long.toString(device.pk());
        }
    }

    String NO_DEVICE = "You have no authenticator this sign-in accepts. Ask an administrator to set one up.";
    String MISCONFIGURED = "This sign-in asks you to set up an authenticator, but offers no way to do so.";

    static ValidateSituation of(StageRun run) {
        Optional<User> owner = DeviceOwner.of(run);
        if (owner.isEmpty() || PasskeyLogin.passwordless(run.context())) {
            return new Pass();
        }
        User user = owner.get();
        List<String> allowed = run.config(ValidateStageType.Config.DEFINITION).deviceClasses();
        List<Offered> devices = new ArrayList<>();
        var dsl = run.services().db().dsl();
        for (DeviceClass type : DeviceClasses.all()) {
            if (allowed.contains(type.name())) {
                type.rows(dsl).ofUser(user.pk()).stream().filter(Device::confirmed)
                        .forEach(d -> devices.add(new Offered(type, d)));
            }
        }
        if (devices.isEmpty()) {
            return notConfigured(run, user);
        }
        Duration threshold = Timedelta.parse(run.config(ValidateStageType.Config.DEFINITION).lastAuthThreshold());
        Instant now = Instant.now();
        if (!threshold.isZero() && devices.stream().anyMatch(o -> o.device().lastUsed() != null
                && o.device().lastUsed().plus(threshold).isAfter(now))) {
            return new Pass();
        }
        return new Ask(user, List.copyOf(devices));
    }

    private static ValidateSituation notConfigured(StageRun run, User user) {
        String action = run.config(ValidateStageType.Config.DEFINITION).notConfiguredAction();
        return switch (action) {
            case "deny" -> new Refuse(NO_DEVICE);
            case "configure" -> {
                List<Stage> stages = configurationStages(run);
                if (stages.isEmpty()) {
                    configurationError(run, user);
                    yield new Refuse(MISCONFIGURED);
                }
                yield stages.size() == 1 ? new Configure(stages.getFirst()) : new ChooseStage(user, stages);
            }
            default -> new Pass();
        };
    }

    static List<Stage> configurationStages(StageRun run) {
        DSLContext dsl = run.services().db().dsl();
        List<Stage> out = new ArrayList<>();
        for (UUID pk : run.config(ValidateStageType.Config.DEFINITION).configurationStages()) {
            if (pk != null) {
                new StageStore(dsl).byPkCached(pk).ifPresent(out::add);
            }
        }
        return out;
    }

    private static void configurationError(StageRun run, User user) {
        Map<String, Object> ctx = new LinkedHashMap<>();
        ctx.put("message", "Authenticator validation stage is set to configure user but no configuration stage is set.");
        ctx.put("stage", run.stage().name());
        run.services().db().txRun(dsl -> EventLog.record(dsl, "configuration_error",
                new Actor(user, run.request().clientIp()), ctx));
    }
}
