package dev.gatehouse.logging;

import java.util.logging.LogManager;

/**
 * A LogManager whose JVM-shutdown reset is deferred, so the shutdown hook can still log
 * ("finishing in-flight requests", "stopped"). Installed by {@code Main} before any logger exists.
 */
public final class GatehouseLogManager extends LogManager {
    private volatile boolean shuttingDown;

    @Override
    public void reset() {
        if (!shuttingDown) {
            super.reset();
        }
    }

    /** From now on resets (such as the JVM shutdown one) are ignored until {@link #finish()}. */
    public void shutdownStarted() {
        shuttingDown = true;
    }

    public void finish() {
        shuttingDown = false;
        super.reset();
    }

    public static void holdHandlersUntilStopped() {
        if (LogManager.getLogManager() instanceof GatehouseLogManager m) {
            m.shutdownStarted();
        }
    }

    public static void releaseHandlers() {
        if (LogManager.getLogManager() instanceof GatehouseLogManager m) {
            m.finish();
        }
    }
}
