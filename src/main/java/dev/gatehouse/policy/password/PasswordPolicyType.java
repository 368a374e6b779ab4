package dev.gatehouse.policy.password;

import dev.gatehouse.definition.Definition;
import dev.gatehouse.definition.Field;
import dev.gatehouse.policy.PolicyType;
import dev.gatehouse.policy.PolicyOutcome;
import dev.gatehouse.policy.PolicyRequest;
import java.util.List;
import java.util.Map;
import java.util.function.IntPredicate;

/**
 * Checks a password for length and character classes. The password is read from the request context:
 * {@code prompt_data[password_field]} first, else {@code context[password_field]} (authentik's order).
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
                         int amountSymbols, String symbolCharset, String errorMessage) {
        public static final Field<String> PASSWORD_FIELD = Field.string("password_field").notBlank().byDefault("password")
                .help("The prompt field that holds the password.");
        public static final Field<Integer> LENGTH_MIN = Field.int32("length_min").min(0).byDefault(0);
        public static final Field<Integer> AMOUNT_UPPERCASE = Field.int32("amount_uppercase").min(0).byDefault(0);
        public static final Field<Integer> AMOUNT_LOWERCASE = Field.int32("amount_lowercase").min(0).byDefault(0);
        public static final Field<Integer> AMOUNT_DIGITS = Field.int32("amount_digits").min(0).byDefault(0);
        public static final Field<Integer> AMOUNT_SYMBOLS = Field.int32("amount_symbols").min(0).byDefault(0);
        public static final Field<String> SYMBOL_CHARSET = Field.string("symbol_charset").byDefault("!\\\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~ ");
        public static final Field<String> ERROR_MESSAGE = Field.string("error_message").byDefault("");

        public static final Definition<Config> DEFINITION = Definition.define("password_policy", "PasswordPolicy")
                .field(PASSWORD_FIELD, LENGTH_MIN, AMOUNT_UPPERCASE, AMOUNT_LOWERCASE, AMOUNT_DIGITS, AMOUNT_SYMBOLS, SYMBOL_CHARSET, ERROR_MESSAGE)
                .build(v -> new Config(v.value(PASSWORD_FIELD), v.value(LENGTH_MIN), v.value(AMOUNT_UPPERCASE), v.value(AMOUNT_LOWERCASE), v.value(AMOUNT_DIGITS), v.value(AMOUNT_SYMBOLS), v.value(SYMBOL_CHARSET), v.value(ERROR_MESSAGE)));
    }

    @Override
    public Definition<Config> config() {
        return Config.DEFINITION;
    }

    static final String NOT_IN_CONTEXT = "Password not set in context";
    static final String DEFAULT_MESSAGE = "The password does not meet the requirements.";

    /** Fails with {@code error_message} when any minimum is not met; uppercase, lowercase and digits are Unicode classes. */
    @Override
    public PolicyOutcome evaluate(Map<String, Object> config, PolicyRequest request) {
        Config typed = Config.DEFINITION.typed(config);
        String password = password(request.context(), typed.passwordField());
        if (password == null || password.isEmpty()) {
            return PolicyOutcome.of(false, NOT_IN_CONTEXT);
        }
        String charset = typed.symbolCharset();
        boolean ok = password.codePointCount(0, password.length()) >= typed.lengthMin()
                && count(password, Character::isUpperCase) >= typed.amountUppercase()
                && count(password, Character::isLowerCase) >= typed.amountLowercase()
                && count(password, Character::isDigit) >= typed.amountDigits()
                && count(password, cp -> charset.indexOf(cp) >= 0) >= typed.amountSymbols();
        if (ok) {
            return PolicyOutcome.pass();
        }
        String message = typed.errorMessage();
        return PolicyOutcome.of(false, message.isBlank() ? DEFAULT_MESSAGE : message);
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
