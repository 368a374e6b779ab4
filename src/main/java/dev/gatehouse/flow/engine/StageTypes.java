package dev.gatehouse.flow.engine;

import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * The registry of stage types: one line per type in {@code META-INF/services/dev.gatehouse.flow.engine.StageType},
 * nothing else to change when a type is added. The engine and everything below the stage packages look types up
 * here without naming them; the list keeps the order of that file.
 */
public final class StageTypes {
    private static final List<StageType> ALL = ServiceLoader.load(StageType.class, StageTypes.class.getClassLoader())
            .stream().map(ServiceLoader.Provider::get).toList();

    private StageTypes() {
    }

    public static List<StageType> all() {
        return ALL;
    }

    public static Optional<StageType> byName(String name) {
        return ALL.stream().filter(t -> t.name().equals(name)).findFirst();
    }
}
