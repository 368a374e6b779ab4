package dev.gatehouse.policy.password;

import dev.gatehouse.core.ConfigCheck;
import dev.gatehouse.policy.PolicyType;
import java.util.List;
import java.util.Map;

/** Checks a password (from the prompt data) for length and character classes. */
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
}
