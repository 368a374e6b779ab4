package dev.gatehouse.logging;

import java.util.Map;
import java.util.logging.ConsoleHandler;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.Logger;

/**
 * Routes every log (ours, Helidon's via System.Logger, HikariCP/Flyway/jOOQ via slf4j-jdk14) to one
 * stderr handler, as text or as JSON lines ({@code GATEHOUSE_LOG__FORMAT=json}). Libraries are kept at
 * WARNING unless the level is debug or trace.
 */
public final class LogSetup {
    private static final Map<String, Level> LEVELS = Map.of(
            "trace", Level.FINEST, "debug", Level.FINE, "info", Level.INFO, "warning", Level.WARNING,
            "error", Level.SEVERE);

    /** JUL keeps loggers weakly: hold the configured library loggers so their levels stick. */
    private static final java.util.List<Logger> HELD = new java.util.concurrent.CopyOnWriteArrayList<>();

    private LogSetup() {
    }

    public static void configure(String level, String format) {
        LogManager.getLogManager().reset();
        Level lvl = LEVELS.getOrDefault(level, Level.INFO);
        Logger root = Logger.getLogger("");
        Handler handler = new ConsoleHandler();
        handler.setLevel(Level.ALL);
        handler.setFormatter("json".equals(format) ? new JsonLogFormatter() : new TextLogFormatter());
        root.addHandler(handler);
        root.setLevel(lvl);
        Level libraries = lvl.intValue() <= Level.FINE.intValue() ? lvl : Level.WARNING;
        for (String lib : new String[] {"io.helidon", "com.zaxxer.hikari", "org.flywaydb", "org.jooq", "io.micrometer"}) {
            Logger l = Logger.getLogger(lib);
            l.setLevel(libraries);
            HELD.add(l);
        }
    }
}
