package dev.gatehouse.core;

import java.util.List;
import java.util.ServiceLoader;
import org.jooq.DSLContext;

/**
 * Told of every event {@link EventLog#record} writes, inside the writer's transaction: what it writes commits with
 * the event or not at all (the notifications' outbox row). Listed in {@code META-INF/services/dev.gatehouse.core.EventHook},
 * so core knows no feature that reacts to events. A hook must be quick and must not record events itself.
 */
public interface EventHook {
    void recorded(DSLContext tx, Event event);

    /** The hooks on the class path, in the order of the services file. */
    static List<EventHook> registered() {
        return Registered.ALL;
    }

    /** Loaded once. */
    final class Registered {
        private static final List<EventHook> ALL = ServiceLoader.load(EventHook.class, EventHook.class.getClassLoader())
                .stream().map(ServiceLoader.Provider::get).toList();

        private Registered() {
        }
    }
}
