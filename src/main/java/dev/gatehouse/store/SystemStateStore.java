package dev.gatehouse.store;

import static dev.gatehouse.store.Tables.SystemState.*;

import java.util.Optional;
import org.jooq.DSLContext;

/** Small named values the installation keeps (install id, bootstrap marker). */
public final class SystemStateStore {
    private final DSLContext dsl;

    public SystemStateStore(DSLContext dsl) {
        this.dsl = dsl;
    }

    public Optional<String> get(String name) {
        return dsl.select(CONTENT).from(T).where(NAME.eq(name)).fetchOptional(CONTENT);
    }

    /** Stores the value unless one exists; returns the value now stored. Callers hold the bootstrap lock. */
    public String putIfAbsent(String name, String content) {
        Optional<String> existing = get(name);
        if (existing.isPresent()) {
            return existing.get();
        }
        dsl.insertInto(T).set(NAME, name).set(CONTENT, content).execute();
        return get(name).orElseThrow();
    }
}
