package dev.gatehouse.logging;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.logging.Formatter;
import java.util.logging.LogRecord;

/** One line per record: {@code time level logger: message}, then the stack trace if any. */
public final class TextLogFormatter extends Formatter {
    @Override
    public String format(LogRecord r) {
        StringBuilder sb = new StringBuilder(128);
        sb.append(Instant.ofEpochMilli(r.getMillis())).append(' ')
                .append(JsonLogFormatter.levelName(r.getLevel())).append(' ')
                .append(r.getLoggerName()).append(": ").append(formatMessage(r)).append('\n');
        if (r.getThrown() != null) {
            StringWriter sw = new StringWriter();
            r.getThrown().printStackTrace(new PrintWriter(sw));
            sb.append(sw);
        }
        return sb.toString();
    }
}
