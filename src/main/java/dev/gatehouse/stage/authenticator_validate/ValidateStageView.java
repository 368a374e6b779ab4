package dev.gatehouse.stage.authenticator_validate;

import dev.gatehouse.authenticator.Device;
import dev.gatehouse.authenticator.DeviceClass;
import dev.gatehouse.flow.Stage;
import dev.gatehouse.flow.engine.AuthMethods;
import dev.gatehouse.flow.engine.Challenge;
import dev.gatehouse.flow.engine.StagePage;
import dev.gatehouse.flow.engine.ContextKey;
import dev.gatehouse.flow.engine.PlannedStage;
import dev.gatehouse.flow.engine.StageResult;
import dev.gatehouse.flow.engine.StageRun;
import dev.gatehouse.flow.engine.StageView;
import dev.gatehouse.flow.engine.StageTypes;
import dev.gatehouse.stage.authenticator_validate.ValidateSituation.Offered;
import dev.gatehouse.stage.password.PasswordCheck;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code ak-stage-authenticator-validate}: {@code device_challenges} lists the user's devices of the allowed
 * classes ({@code device_class}, {@code device_uid}, {@code challenge}); the answer is the field of the device's
 * class ({@code code} for TOTP and static codes) and is checked by that class's
 * {@link dev.gatehouse.authenticator.DeviceChallenger}. {@code selected_challenge} (a device challenge, or
 * {@code "<class>:<uid>"} from a form) picks the class to answer with; sent alone it shows the stage again.
 * A user without a device is let through, refused, or sent to a configuration stage, as
 * {@code not_configured_action} says; with several configuration stages the user picks one with
 * {@code selected_stage}. Wrong answers count in the login throttle like wrong passwords.
 */
public final class ValidateStageView implements StageView<ValidateResponse> {
    static final String COMPONENT = "ak-stage-authenticator-validate";
    /** The {@code <class>:<uid>} the user chose to answer with. */
    static final ContextKey<String> SELECTED = new ContextKey<>("authenticator_validate_selected", String.class);

    @Override
    public Optional<Challenge> challenge(StageRun run) {
        return switch (ValidateSituation.of(run)) {
            case ValidateSituation.ChooseStage choose -> Optional.of(new ValidateChallenge(choose.user().username(),
                    List.of(), choose.stages().stream().map(ValidateStageView::selectable).toList(), null));
            case ValidateSituation.Ask ask -> {
                List<Map<String, Object>> challenges = onePerClass(ask.devices()).stream()
                        .map(o -> deviceChallenge(run, o)).toList();
                yield Optional.of(new ValidateChallenge(ask.user().username(), challenges, List.of(),
                        selected(run, ask.devices()).map(o -> asSelected(challenges, o)).orElse(null)));
            }
            default -> Optional.empty();
        };
    }

    @Override
    public List<StagePage> pages() {
        return List.of(StagePage.of(COMPONENT, ValidateChallenge.class, ValidateResponse.class, "validate.jte"));
    }

    @Override
    public StageResult submit(StageRun run, ValidateResponse answer) {
        return switch (ValidateSituation.of(run)) {
            case ValidateSituation.Pass p -> StageResult.CONTINUE;
            case ValidateSituation.Refuse r -> new StageResult.Deny(r.message());
            case ValidateSituation.Configure c -> configure(run, c.stage());
            case ValidateSituation.ChooseStage choose -> chooseStage(run, choose.stages(), answer.selectedStage());
            case ValidateSituation.Ask ask -> answer(run, ask, answer);
        };
    }

    private static StageResult configure(StageRun run, Stage stage) {
        run.plan().insertNext(PlannedStage.inserted(stage, run.plan().flow().pk()));
        return StageResult.CONTINUE;
    }

    private static StageResult chooseStage(StageRun run, List<Stage> stages, String pk) {
        if (pk == null || pk.isBlank()) {
            return StageResult.Invalid.of("selected_stage", "This field is required.");
        }
        return stages.stream().filter(s -> s.pk().toString().equals(pk)).findFirst()
                .map(s -> configure(run, s))
                .orElseGet(() -> StageResult.Invalid.of("selected_stage", "Selected stage is invalid"));
    }

    private static StageResult answer(StageRun run, ValidateSituation.Ask ask, ValidateResponse response) {
        Object choice = response.selectedChallenge();
        if (choice != null) {
            Optional<Offered> chosen = ask.devices().stream().filter(o -> o.type().name().equals(classOf(choice))
                    && o.uid().equals(uidOf(choice))).findFirst();
            if (chosen.isEmpty()) {
                return StageResult.Invalid.of("selected_challenge", "No compatible device class allowed");
            }
            run.context().put(SELECTED, key(chosen.get()));
        }
        List<Offered> candidates = selected(run, ask.devices())
                .map(s -> ask.devices().stream().filter(o -> o.type() == s.type()).toList()).orElse(ask.devices());
        Optional<String> field = candidates.stream().map(o -> o.type().challenger().responseField()).distinct()
                .filter(f -> present(response.field(f))).findFirst();
        if (field.isEmpty()) {
            if (choice != null) {
                return StageResult.AGAIN;
            }
            String expected = candidates.getFirst().type().challenger().responseField();
            return StageResult.Invalid.of(expected, "This field is required.");
        }
        if (!PasswordCheck.allows(run)) {
            PasswordCheck.failed(run, run.stage().name(), "throttled");
            return StageResult.Invalid.of(field.get(), PasswordCheck.THROTTLED);
        }
        Map<DeviceClass, List<Device>> byClass = new LinkedHashMap<>();
        candidates.stream().filter(o -> o.type().challenger().responseField().equals(field.get()))
                .forEach(o -> byClass.computeIfAbsent(o.type(), k -> new java.util.ArrayList<>()).add(o.device()));
        for (Map.Entry<DeviceClass, List<Device>> e : byClass.entrySet()) {
            Optional<Device> ok = e.getKey().challenger().verify(run, ask.user(), e.getValue(), response.field(field.get()));
            if (ok.isPresent()) {
                Device d = ok.get();
                AuthMethods.deviceValidated(run.context(), e.getKey().name(), d.pk(), d.name(), e.getKey().amr());
                run.context().remove(SELECTED);
                return StageResult.CONTINUE;
            }
        }
        PasswordCheck.failed(run, run.stage().name(), field.get());
        return StageResult.Invalid.of(field.get(), field.get().equals("code") ? "Invalid code"
                : "The authenticator's answer was not accepted.");
    }

    private static boolean present(Object value) {
        return value != null && !(value instanceof String s && s.isBlank());
    }

    private static Optional<Offered> selected(StageRun run, List<Offered> devices) {
        return run.context().get(SELECTED).flatMap(k -> devices.stream().filter(o -> key(o).equals(k)).findFirst());
    }

    private static String key(Offered o) {
        return o.type().name() + ":" + o.uid();
    }

    /** The class a {@code selected_challenge} names: a device challenge object, or {@code "<class>:<uid>"}. */
    private static String classOf(Object choice) {
        if (choice instanceof Map<?, ?> m) {
            return String.valueOf(m.get("device_class"));
        }
        String s = String.valueOf(choice);
        return s.contains(":") ? s.substring(0, s.indexOf(':')) : s;
    }

    private static String uidOf(Object choice) {
        if (choice instanceof Map<?, ?> m) {
            return String.valueOf(m.get("device_uid"));
        }
        String s = String.valueOf(choice);
        return s.contains(":") ? s.substring(s.indexOf(':') + 1) : "";
    }

    /**
     * The first device of each class, as authentik lists them: a class's challenge covers all its devices (the
     * WebAuthn options allow every credential of the user, and only the latest options' challenge can be answered).
     */
    private static List<Offered> onePerClass(List<Offered> devices) {
        Map<DeviceClass, Offered> first = new LinkedHashMap<>();
        devices.forEach(o -> first.putIfAbsent(o.type(), o));
        return List.copyOf(first.values());
    }

    /** The listed challenge of the chosen device's class, naming the chosen device. */
    private static Map<String, Object> asSelected(List<Map<String, Object>> challenges, Offered chosen) {
        Map<String, Object> m = new LinkedHashMap<>(challenges.stream()
                .filter(c -> chosen.type().name().equals(c.get("device_class"))).findFirst().orElseThrow());
        m.put("device_uid", chosen.uid());
        m.put("last_used", chosen.device().lastUsed() == null ? null : chosen.device().lastUsed().toString());
        return m;
    }

    private static Map<String, Object> deviceChallenge(StageRun run, Offered o) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("device_class", o.type().name());
        m.put("device_uid", o.uid());
        m.put("challenge", o.type().challenger().challenge(run, o.device()));
        m.put("last_used", o.device().lastUsed() == null ? null : o.device().lastUsed().toString());
        return m;
    }

    /** authentik's {@code SelectableStage}: pk, name, verbose_name, meta_model_name. */
    private static Map<String, Object> selectable(Stage s) {
        var type = StageTypes.byName(s.type());
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("pk", s.pk().toString());
        m.put("name", s.name());
        m.put("verbose_name", type.map(t -> verboseName(t.name())).orElse(s.type()));
        m.put("meta_model_name", type.map(t -> t.metaModelName()).orElse(s.type()));
        return m;
    }

    private static String verboseName(String type) {
        return switch (type) {
            case "authenticator_totp" -> "TOTP Authenticator";
            case "authenticator_static" -> "Static Authenticator";
            case "authenticator_webauthn" -> "WebAuthn Authenticator";
            default -> type;
        };
    }
}
