package dev.gatehouse.flow.engine;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The registry of stage pages by component: every page the registered stage types show, the pages of in-memory
 * stages that protocols add to plans, and the executor's own (access denied, redirect).
 */
public final class StagePages {
    private final Map<String, StagePage> byComponent = new LinkedHashMap<>();

    private StagePages(Collection<StagePage> pages) {
        for (StagePage p : pages) {
            if (byComponent.putIfAbsent(p.component(), p) != null) {
                throw new IllegalStateException("two pages for " + p.component());
            }
        }
    }

    /** The pages of the stage types, of the given in-memory stages, and the executor's own. */
    public static StagePages of(List<StageType> types, List<StagePage> inMemory) {
        List<StagePage> pages = new java.util.ArrayList<>();
        types.stream().map(StageType::view).filter(java.util.Objects::nonNull).forEach(v -> pages.addAll(v.pages()));
        pages.addAll(inMemory);
        pages.addAll(AccessDeniedChallenge.PAGES);
        pages.addAll(FlowRedirect.PAGES);
        return new StagePages(pages);
    }

    public Optional<StagePage> find(String component) {
        return Optional.ofNullable(byComponent.get(component));
    }

    public Collection<StagePage> all() {
        return byComponent.values();
    }
}
