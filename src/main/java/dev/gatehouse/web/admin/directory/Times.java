package dev.gatehouse.web.admin.directory;

import dev.gatehouse.web.admin.Values;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** How an API timestamp reads on the Directory pages: {@code 2026-12-07 12:42 UTC}. */
final class Times {
    private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    private Times() {
    }

    static String text(Object v) {
        if (v instanceof String s) {
            try {
                return SHOWN.format(Instant.parse(s));
            } catch (DateTimeParseException e) {
                return Values.text(v);
            }
        }
        return Values.text(v);
    }
}
