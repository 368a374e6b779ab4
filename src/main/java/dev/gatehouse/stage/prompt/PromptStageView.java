package dev.gatehouse.stage.prompt;

import dev.gatehouse.core.User;
import dev.gatehouse.core.UserStore;
import dev.gatehouse.core.Validation;
import dev.gatehouse.flow.engine.Challenge;
import dev.gatehouse.flow.engine.ContextKey;
import dev.gatehouse.flow.engine.FlowKeys;
import dev.gatehouse.flow.engine.StagePage;
import dev.gatehouse.flow.engine.StageResult;
import dev.gatehouse.flow.engine.StageRun;
import dev.gatehouse.flow.engine.StageView;
import dev.gatehouse.core.PolicyEngineMode;
import dev.gatehouse.policy.PolicyRequest;
import dev.gatehouse.policy.engine.PolicyResult;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * {@code ak-stage-prompt}: shows the prompts the stage names and checks the answers — required fields, the
 * field type (email, number, date, choices, a free username), matching password fields — then the stage's
 * validation policies (all must pass) with the answers as {@code prompt_data}. Accepted answers are merged
 * into the flow's {@code prompt_data}; after a rejected answer the form shows what was typed (never passwords).
 * The flow's {@link FlowKeys#NOTICE}, when set, is shown above the fields as static text until the stage is answered.
 */
public final class PromptStageView implements StageView<PromptResponse> {
    static final int MAX_LENGTH = 4096;
    @SuppressWarnings({"unchecked", "rawtypes"})
    static final ContextKey<Map<String, Object>> DRAFT = new ContextKey<>("prompt_draft", (Class) Map.class);
    static final String REQUIRED = "This field is required.";

    @Override
    public Optional<Challenge> challenge(StageRun run) {
        Map<String, Object> draft = run.context().get(DRAFT).orElse(Map.of());
        Map<String, Object> data = run.context().get(FlowKeys.PROMPT_DATA).orElse(Map.of());
        List<Map<String, Object>> fields = new ArrayList<>();
        run.context().get(FlowKeys.NOTICE).ifPresent(notice -> fields.add(notice(notice)));
        for (PromptField f : PromptField.of(run.services().db().dsl(), run.config(PromptStageType.Config.DEFINITION))) {
            Object value = f.secret() ? null
                    : draft.containsKey(f.fieldKey()) ? draft.get(f.fieldKey())
                    : data.containsKey(f.fieldKey()) ? data.get(f.fieldKey()) : f.initialValue();
            fields.add(f.challenge(value == null ? null : String.valueOf(value)));
        }
        return Optional.of(new PromptChallenge(fields));
    }

    @Override
    public List<StagePage> pages() {
        return List.of(StagePage.of(PromptChallenge.COMPONENT, PromptChallenge.class, PromptResponse.class,
                "prompt.jte"));
    }

    @Override
    public StageResult submit(StageRun run, PromptResponse answer) {
        Map<String, List<String>> errors = new LinkedHashMap<>();
        Map<String, Object> values = new LinkedHashMap<>();
        Map<String, Object> draft = new LinkedHashMap<>();
        List<String> passwords = new ArrayList<>();
        for (PromptField f : PromptField.of(run.services().db().dsl(), run.config(PromptStageType.Config.DEFINITION))) {
            Object raw = answer.get(f.fieldKey());
            if (!f.secret() && raw instanceof String s) {
                draft.put(f.fieldKey(), s);
            }
            String error = read(run, f, raw, values);
            if (error != null) {
                errors.put(f.fieldKey(), List.of(error));
            } else if (f.secret() && values.get(f.fieldKey()) instanceof String p) {
                passwords.add(p);
            }
        }
        if (errors.isEmpty() && passwords.stream().distinct().count() > 1) {
            errors.put("non_field_errors", List.of("Passwords don't match."));
        }
        if (errors.isEmpty()) {
            String refused = validationPolicies(run, values);
            if (refused != null) {
                errors.put("non_field_errors", List.of(refused));
            }
        }
        if (!errors.isEmpty()) {
            run.context().put(DRAFT, draft);
            return new StageResult.Invalid(errors);
        }
        Map<String, Object> data = new LinkedHashMap<>(run.context().get(FlowKeys.PROMPT_DATA).orElse(Map.of()));
        data.putAll(values);
        run.context().put(FlowKeys.PROMPT_DATA, data);
        run.context().remove(DRAFT);
        run.context().remove(FlowKeys.NOTICE);
        return StageResult.CONTINUE;
    }

    /** The flow's {@link FlowKeys#NOTICE} as a static field above the others (never read back from the answer). */
    private static Map<String, Object> notice(String text) {
        return new PromptField(NOTICE_KEY, "", "static", false, "", text, "", Integer.MIN_VALUE, List.of())
                .challenge(text);
    }

    static final String NOTICE_KEY = "notice";

    /** Reads one field's answer into {@code values}; the error message, or null when it is acceptable. */
    private static String read(StageRun run, PromptField f, Object raw, Map<String, Object> values) {
        switch (f.type()) {
            case "separator", "static" -> {
                return null;
            }
            case "text_read_only", "hidden" -> {
                // Never taken from the client: these carry what the flow put there.
                if (f.initialValue() != null) {
                    values.put(f.fieldKey(), f.initialValue());
                }
                return null;
            }
            case "checkbox" -> {
                boolean checked = Boolean.TRUE.equals(raw) || "on".equals(raw) || "true".equals(raw);
                if (f.required() && !checked) {
                    return REQUIRED;
                }
                values.put(f.fieldKey(), checked);
                return null;
            }
            default -> {
            }
        }
        if (raw != null && !(raw instanceof String) && !(raw instanceof Number)) {
            return "Not a valid string.";
        }
        String text = raw == null ? "" : raw.toString();
        if (!f.secret()) {
            text = text.strip();
        }
        if (text.isEmpty()) {
            return f.required() ? REQUIRED : null;
        }
        if (text.length() > MAX_LENGTH) {
            return "Ensure this field has no more than " + MAX_LENGTH + " characters.";
        }
        String problem = typeProblem(run, f, text);
        if (problem == null) {
            values.put(f.fieldKey(), f.type().equals("number") ? number(text) : text);
        }
        return problem;
    }

    private static String typeProblem(StageRun run, PromptField f, String text) {
        return switch (f.type()) {
            case "email" -> new Validation().email(text, "email").ok() ? null : "Enter a valid email address.";
            case "username" -> usernameTaken(run, text) ? "Username is already taken." : null;
            case "number" -> number(text) == null ? "A valid number is required." : null;
            case "radio-button-group", "dropdown" -> f.choices().contains(text) ? null
                    : "\"" + text + "\" is not a valid choice.";
            case "date" -> parses(() -> LocalDate.parse(text)) ? null : "Enter a valid date (YYYY-MM-DD).";
            case "date-time" -> parses(() -> LocalDateTime.parse(text)) ? null
                    : "Enter a valid date and time (YYYY-MM-DDThh:mm).";
            default -> null;
        };
    }

    private static boolean usernameTaken(StageRun run, String username) {
        // As authentik: the user the flow is about (pending, else signed in) may keep their own username.
        User user = run.context().get(FlowKeys.PENDING_USER).orElse(run.request().user());
        long self = user == null ? 0L : user.pk();
        return new UserStore(run.services().db().dsl()).usernameTaken(username, self);
    }

    private static Number number(String text) {
        try {
            if (text.contains(".") || text.contains("e") || text.contains("E")) {
                double d = Double.parseDouble(text);
                return Double.isFinite(d) ? d : null;
            }
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static boolean parses(Runnable parse) {
        try {
            parse.run();
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    /** Runs the validation policies (mode all) with the answers as prompt_data; the refusal message or null. */
    private static String validationPolicies(StageRun run, Map<String, Object> values) {
        List<UUID> policies = run.config(PromptStageType.Config.DEFINITION).validationPolicies();
        if (policies.isEmpty()) {
            return null;
        }
        Map<String, Object> context = new LinkedHashMap<>(run.context().asMap());
        Map<String, Object> data = new LinkedHashMap<>(run.context().get(FlowKeys.PROMPT_DATA).orElse(Map.of()));
        data.putAll(values);
        context.put(FlowKeys.PROMPT_DATA.name(), data);
        context.remove(DRAFT.name());
        User user = run.context().get(FlowKeys.PENDING_USER).orElse(run.request().user());
        PolicyResult result = run.services().policies().evaluatePolicies(policies, PolicyEngineMode.ALL,
                new PolicyRequest(user, run.request().clientIp(), run.request().http(), context));
        return result.passing() ? null
                : result.messages().isEmpty() ? "The values entered are not allowed." : String.join(" ", result.messages());
    }
}
