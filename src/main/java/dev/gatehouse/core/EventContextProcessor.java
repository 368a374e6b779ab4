package dev.gatehouse.core;

import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Adds facts about an event's client IP to its context before {@link EventLog#record} writes it, as authentik's event
 * context processors do (GeoIP under {@code geo}, ASN under {@code asn}). One processor is installed per process at
 * start-up ({@link #install}); until then, and after {@link #uninstall}, nothing is added. A processor must be quick
 * (in-memory lookups only) and must never replace an entry the caller put in the context.
 */
@FunctionalInterface
public interface EventContextProcessor {
    EventContextProcessor NONE = (clientIp, context) -> {
    };

    /** Adds entries about {@code clientIp} (never null) to {@code context} (mutable). */
    void enrich(String clientIp, Map<String, Object> context);

    /** The installed processor; {@link #NONE} when none is. */
    static EventContextProcessor installed() {
        return Installed.CURRENT.get();
    }

    /** Installs the process-wide processor (at start-up). */
    static void install(EventContextProcessor processor) {
        Installed.CURRENT.set(processor == null ? NONE : processor);
    }

    /** Removes {@code processor} if it is still the installed one (at shutdown). */
    static void uninstall(EventContextProcessor processor) {
        Installed.CURRENT.compareAndSet(processor, NONE);
    }

    /** Holds the installed processor. */
    final class Installed {
        private static final AtomicReference<EventContextProcessor> CURRENT = new AtomicReference<>(NONE);

        private Installed() {
        }
    }
}
