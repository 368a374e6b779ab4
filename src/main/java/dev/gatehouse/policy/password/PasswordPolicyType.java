package dev.gatehouse.policy.password;

import dev.gatehouse.core.ConfigCheck;
import dev.gatehouse.policy.PolicyType;
import dev.gatehouse.policy.engine.ConfigValues;
import dev.gatehouse.policy.engine.PolicyOutcome;
import dev.gatehouse.policy.engine.PolicyRequest;
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

    @Override
    public Map<String, Object> defaults() {
        return ConfigCheck.map("password_field", "password", "length_min", 0, "amount_uppercase", 0,
                "amount_lowercase", 0, "amount_digits", 0, "amount_symbols", 0,
                "symbol_charset", "!\\\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~ ", "error_message", "");
    }

    @Override
    public void validate(ConfigCheck c) {
        c.nonBlank("password_field");
        for (String key : COUNTS) {
            c.integer(key, 0);
        }
        c.string("symbol_charset");
        c.string("error_message");
    }

    static final String NOT_IN_CONTEXT = "Password not set in context";
    static final String DEFAULT_MESSAGE = "The password does not meet the requirements.";

    /** Fails with {@code error_message} when any minimum is not met; uppercase, lowercase and digits are Unicode classes. */
    @Override
    public PolicyOutcome evaluate(Map<String, Object> config, PolicyRequest request) {
        String password = password(request.context(), ConfigValues.string(config, "password_field", "password"));
        if (password == null || password.isEmpty()) {
            return PolicyOutcome.of(false, NOT_IN_CONTEXT);
        }
        String charset = ConfigValues.string(config, "symbol_charset", "");
        boolean ok = password.codePointCount(0, password.length()) >= ConfigValues.integer(config, "length_min", 0)
                && count(password, Character::isUpperCase) >= ConfigValues.integer(config, "amount_uppercase", 0)
                && count(password, Character::isLowerCase) >= ConfigValues.integer(config, "amount_lowercase", 0)
                && count(password, Character::isDigit) >= ConfigValues.integer(config, "amount_digits", 0)
                && count(password, cp -> charset.indexOf(cp) >= 0) >= ConfigValues.integer(config, "amount_symbols", 0);
        if (ok) {
            return PolicyOutcome.pass();
        }
        String message = ConfigValues.string(config, "error_message", "");
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
