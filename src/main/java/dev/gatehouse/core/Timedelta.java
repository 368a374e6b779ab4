package dev.gatehouse.core;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/**
 * authentik's duration strings: {@code unit=amount} pairs separated by {@code ;}, e.g. {@code seconds=0} or
 * {@code hours=1;minutes=2}; units weeks, days, hours, minutes, seconds, milliseconds, microseconds.
 */
public final class Timedelta {
    private static final Map<String, Long> MICROS = Map.of("weeks", 604_800_000_000L, "days", 86_400_000_000L,
            "hours", 3_600_000_000L, "minutes", 60_000_000L, "seconds", 1_000_000L, "milliseconds", 1_000L,
            "microseconds", 1L);

    private Timedelta() {
    }

    /** The duration a string stands for; {@link IllegalArgumentException} when it is not well formed. */
    public static Duration parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("empty duration");
        }
        BigDecimal micros = BigDecimal.ZERO;
        for (String part : text.split(";", -1)) {
            String[] kv = part.trim().split("=", -1);
            Long unit = kv.length == 2 ? MICROS.get(kv[0].trim().toLowerCase(Locale.ROOT)) : null;
            if (unit == null || !kv[1].trim().matches("[0-9]+(\\.[0-9]+)?")) {
                throw new IllegalArgumentException("not a duration: " + part);
            }
            micros = micros.add(new BigDecimal(kv[1].trim()).multiply(BigDecimal.valueOf(unit)));
        }
        return Duration.ofNanos(micros.multiply(BigDecimal.valueOf(1000)).longValueExact());
    }

    /** Why {@code s} is not a timedelta, or null when it is. */
    public static String problem(String s) {
        return valid(s) ? null
                : "Invalid duration \"" + s + "\": use unit=amount pairs separated by ';', e.g. hours=1;minutes=2.";
    }

    public static boolean valid(String text) {
        try {
            parse(text);
            return true;
        } catch (IllegalArgumentException | ArithmeticException e) {
            return false;
        }
    }
}
