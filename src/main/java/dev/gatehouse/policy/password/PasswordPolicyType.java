package dev.gatehouse.policy.password;

import dev.gatehouse.core.User;
import dev.gatehouse.definition.Definition;
import dev.gatehouse.definition.Field;
import dev.gatehouse.policy.PolicyType;
import dev.gatehouse.policy.PolicyOutcome;
import dev.gatehouse.policy.PolicyRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.IntPredicate;

/**
 * authentik's password policy. The password is read from the request context: {@code prompt_data[password_field]}
 * first, else {@code context[password_field]} (authentik's order). Then, in authentik's order, each check that is
 * on, the first failure deciding:
 * <ol>
 * <li>{@code check_static_rules}: length and character classes, failing with {@code error_message};</li>
 * <li>{@code check_have_i_been_pwned}: the password may appear at most {@code hibp_allowed_count} times in Have I
 * Been Pwned's breaches ({@link PwnedPasswords}, k-anonymity); when the service cannot be asked the policy gives an
 * error, so the binding's {@code failure_result} applies and a {@code policy_exception} event is recorded;</li>
 * <li>{@code check_zxcvbn}: zxcvbn's score must be above {@code zxcvbn_score_threshold} ({@link PasswordStrength},
 * with the user's username, name and email as guessable words); a failure says "Password is too weak." and
 * zxcvbn's warning and suggestions.</li>
 * </ol>
 */
public final class PasswordPolicyType implements PolicyType {
    public static final List<String> COUNTS = List.of("length_min", "amount_uppercase", "amount_lowercase",
            "amount_digits", "amount_symbols");

    @Override
    public String name() {
        return "password";
    }

    /** The policy's config as its views read it; {@link #DEFINITION} declares each field once. */
    public record Config(String passwordField, int lengthMin, int amountUppercase, int amountLowercase, int amountDigits,
                         int amountSymbols, String symbolCharset, String errorMessage, boolean checkStaticRules,
                         boolean checkHaveIBeenPwned, int hibpAllowedCount, boolean checkZxcvbn,
                         int zxcvbnScoreThreshold) {
        public static final Field<String> PASSWORD_FIELD = Field.string("password_field").notBlank().byDefault("password")
                .help("The prompt field that holds the password.");
        public static final Field<Integer> LENGTH_MIN = Field.int32("length_min").min(0).byDefault(0);
        public static final Field<Integer> AMOUNT_UPPERCASE = Field.int32("amount_uppercase").min(0).byDefault(0);
        public static final Field<Integer> AMOUNT_LOWERCASE = Field.int32("amount_lowercase").min(0).byDefault(0);
        public static final Field<Integer> AMOUNT_DIGITS = Field.int32("amount_digits").min(0).byDefault(0);
        public static final Field<Integer> AMOUNT_SYMBOLS = Field.int32("amount_symbols").min(0).byDefault(0);
        public static final Field<String> SYMBOL_CHARSET = Field.string("symbol_charset").byDefault("!\\\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~ ");
        public static final Field<String> ERROR_MESSAGE = Field.string("error_message").byDefault("");
        public static final Field<Boolean> CHECK_STATIC_RULES = Field.bool("check_static_rules").byDefault(true)
                .help("Check the length and character classes.");
        public static final Field<Boolean> CHECK_HAVE_I_BEEN_PWNED = Field.bool("check_have_i_been_pwned").byDefault(false)
                .label("Check haveibeenpwned.com")
                .help("Check the password against Have I Been Pwned's breaches; only the first 5 characters of its "
                        + "SHA-1 hash are sent.");
        public static final Field<Integer> HIBP_ALLOWED_COUNT = Field.int32("hibp_allowed_count").min(0).byDefault(0)
                .label("Allowed count on haveibeenpwned.com")
                .help("How many times the password hash is allowed to be on haveibeenpwned.");
        public static final Field<Boolean> CHECK_ZXCVBN = Field.bool("check_zxcvbn").byDefault(false)
                .label("Check strength with zxcvbn")
                .help("Check the password's strength with zxcvbn.");
        public static final Field<Integer> ZXCVBN_SCORE_THRESHOLD = Field.int32("zxcvbn_score_threshold").min(0).max(4)
                .label("zxcvbn score threshold")
                .byDefault(2).help("If the zxcvbn score is equal or less than this value, the policy will fail.");

        public static final Definition<Config> DEFINITION = Definition.define("password_policy", "PasswordPolicy")
                .field(PASSWORD_FIELD, LENGTH_MIN, AMOUNT_UPPERCASE, AMOUNT_LOWERCASE, AMOUNT_DIGITS, AMOUNT_SYMBOLS, SYMBOL_CHARSET, ERROR_MESSAGE,
                        CHECK_STATIC_RULES, CHECK_HAVE_I_BEEN_PWNED, HIBP_ALLOWED_COUNT, CHECK_ZXCVBN, ZXCVBN_SCORE_THRESHOLD)
                .build(v -> new Config(v.value(PASSWORD_FIELD), v.value(LENGTH_MIN), v.value(AMOUNT_UPPERCASE), v.value(AMOUNT_LOWERCASE), v.value(AMOUNT_DIGITS), v.value(AMOUNT_SYMBOLS), v.value(SYMBOL_CHARSET), v.value(ERROR_MESSAGE),
                        v.value(CHECK_STATIC_RULES), v.value(CHECK_HAVE_I_BEEN_PWNED), v.value(HIBP_ALLOWED_COUNT), v.value(CHECK_ZXCVBN), v.value(ZXCVBN_SCORE_THRESHOLD)));
    }

    @Override
    public Definition<Config> config() {
        return Config.DEFINITION;
    }

    static final String NOT_IN_CONTEXT = "Password not set in context";
    static final String DEFAULT_MESSAGE = "The password does not meet the requirements.";

    static final String TOO_WEAK = "Password is too weak.";

    @Override
    public PolicyOutcome evaluate(Map<String, Object> config, PolicyRequest request) throws InterruptedException {
        Config typed = Config.DEFINITION.typed(config);
        String password = password(request.context(), typed.passwordField());
        if (password == null || password.isEmpty()) {
            return PolicyOutcome.of(false, NOT_IN_CONTEXT);
        }
        if (typed.checkStaticRules() && !passesStatic(typed, password)) {
            String message = typed.errorMessage();
            return PolicyOutcome.of(false, message.isBlank() ? DEFAULT_MESSAGE : message);
        }
        if (typed.checkHaveIBeenPwned()) {
            long count;
            try {
                count = PwnedPasswords.current().count(password);
            } catch (PwnedPasswords.Unavailable e) {
                return new PolicyOutcome.Error(e.getMessage());
            }
            if (count > typed.hibpAllowedCount()) {
                return PolicyOutcome.of(false, "Password exists on " + count + " online lists.");
            }
        }
        if (typed.checkZxcvbn()) {
            PasswordStrength.Estimate estimate = PasswordStrength.measure(password, userInputs(request));
            if (estimate.score() <= typed.zxcvbnScoreThreshold()) {
                List<String> messages = new ArrayList<>();
                messages.add(TOO_WEAK);
                messages.addAll(estimate.feedback());
                return new PolicyOutcome.Decided(false, messages);
            }
        }
        return PolicyOutcome.pass();
    }

    /** Length and the minimum counts; uppercase, lowercase and digits are Unicode classes. */
    private static boolean passesStatic(Config typed, String password) {
        String charset = typed.symbolCharset();
        return password.codePointCount(0, password.length()) >= typed.lengthMin()
                && count(password, Character::isUpperCase) >= typed.amountUppercase()
                && count(password, Character::isLowerCase) >= typed.amountLowercase()
                && count(password, Character::isDigit) >= typed.amountDigits()
                && count(password, cp -> charset.indexOf(cp) >= 0) >= typed.amountSymbols();
    }

    /** What zxcvbn should treat as guessable: the user's (in a flow the pending user's) username, name and email. */
    private static List<String> userInputs(PolicyRequest request) {
        User user = request.user() != null ? request.user()
                : request.context().get("pending_user") instanceof User u ? u : null;
        List<String> inputs = new ArrayList<>();
        if (user != null) {
            inputs.add(user.username());
            inputs.add(user.name());
            inputs.add(user.email());
        }
        if (request.context().get("prompt_data") instanceof Map<?, ?> prompt) {
            for (String key : List.of("username", "name", "email")) {
                if (prompt.get(key) instanceof String s) {
                    inputs.add(s);
                }
            }
        }
        return inputs;
    }

    private static String password(Map<String, Object> context, String field) {
        if (context.get("prompt_data") instanceof Map<?, ?> prompt && prompt.get(field) instanceof String s) {
            return s;
        }
        return context.get(field) instanceof String s ? s : null;
    }

    private static long count(String password, IntPredicate test) {
        return password.codePoints().filter(test).count();
    }
}
