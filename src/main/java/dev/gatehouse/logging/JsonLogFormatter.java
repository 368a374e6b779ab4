package dev.gatehouse.logging;

import dev.gatehouse.core.Json;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.logging.Formatter;
import java.util.logging.Level;
import java.util.logging.LogRecord;

/** One JSON object per line: {@code timestamp, level, logger, event} and {@code exception} when thrown. */
public final class JsonLogFormatter extends Formatter {
    @Override
    public String format(LogRecord r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("timestamp", Instant.ofEpochMilli(r.getMillis()).toString());
        m.put("level", levelName(r.getLevel()));
        m.put("logger", r.getLoggerName());
        m.put("event", formatMessage(r));
        if (r.getThrown() != null) {
            StringWriter sw = new StringWriter();
            r.getThrown().printStackTrace(new PrintWriter(sw));
            m.put("exception", sw.toString());
        }
        return Json.write(m) + "\n";
    }

    static String levelName(Level level) {
        int v = level.intValue();
        if (v >= Level.SEVERE.intValue()) {
            return "error";
        }
        if (v >= Level.WARNING.intValue()) {
            return "warning";
        }
        if (v >= Level.INFO.intValue()) {
            return "info";
        }
        if (v >= Level.FINE.intValue()) {
            return "debug";
        }
        return "trace";
    }
}
