package dev.gatehouse.policy.password;

import com.nulabinc.zxcvbn.Feedback;
import com.nulabinc.zxcvbn.Strength;
import com.nulabinc.zxcvbn.Zxcvbn;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * zxcvbn's strength estimate (nulab's Java port of Dropbox's zxcvbn): a score from 0 (too guessable) to 4 (very
 * unguessable) and feedback in English. As authentik, only the first 72 characters are measured (longer passwords
 * pass any threshold anyway, and the cost grows with the length), and the user's own facts (username, name, email)
 * count as guessable words.
 */
final class PasswordStrength {
    static final int MEASURED = 72;
    /** Loading the dictionaries takes a moment; once per process, on first use. */
    private static final class Holder {
        static final Zxcvbn ZXCVBN = new Zxcvbn();
    }

    /** The score and what zxcvbn says about the password: its warning (if any) first, then its suggestions. */
    record Estimate(int score, List<String> feedback) {
    }

    private PasswordStrength() {
    }

    static Estimate measure(String password, List<String> userInputs) {
        String measured = password.codePointCount(0, password.length()) <= MEASURED ? password
                : password.substring(0, password.offsetByCodePoints(0, MEASURED));
        List<String> inputs = userInputs.stream().filter(s -> s != null && !s.isBlank()).toList();
        Strength strength = Holder.ZXCVBN.measure(measured, inputs);
        try {
            Feedback f = strength.getFeedback();
            List<String> feedback = new ArrayList<>();
            String warning = f.getWarning(Locale.ROOT);
            if (warning != null && !warning.isBlank()) {
                feedback.add(warning);
            }
            f.getSuggestions(Locale.ROOT).stream().filter(s -> s != null && !s.isBlank()).forEach(feedback::add);
            return new Estimate(strength.getScore(), List.copyOf(feedback));
        } finally {
            strength.wipe();
        }
    }
}
