package dev.gatehouse.core;

import static dev.gatehouse.core.CoreTables.Applications.*;

import dev.gatehouse.core.Application;
import dev.gatehouse.store.DefinitionCache;
import dev.gatehouse.store.Listing;
import dev.gatehouse.store.Page;
import dev.gatehouse.store.PageRequest;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.Record;

/** Rows of {@code core_application}. */
public final class ApplicationStore {
    public static final Listing<Application> LISTING = Listing.of(T, ALL, UUID_, ApplicationStore::map)
            .filter("slug", SLUG).filter("name", NAME).filter("group", GROUP).filter("provider", PROVIDER)
            .filter("meta_publisher", META_PUBLISHER)
            .search(NAME, SLUG, META_DESCRIPTION, META_PUBLISHER, GROUP)
            .order("name", NAME).order("slug", SLUG).order("group", GROUP)
            .defaultOrder(NAME.asc())
            .build();

    private final DSLContext dsl;

    public ApplicationStore(DSLContext dsl) {
        this.dsl = dsl;
    }

    static Application map(Record r) {
        return new Application(r.get(UUID_), r.get(SLUG), r.get(NAME), r.get(PROVIDER), r.get(META_LAUNCH_URL),
                r.get(META_DESCRIPTION), r.get(META_PUBLISHER), r.get(META_ICON), r.get(GROUP),
                r.get(POLICY_ENGINE_MODE), r.get(OPEN_IN_NEW_TAB), r.get(CREATED));
    }

    public Application insert(Application a) {
        UUID id = UUID.randomUUID();
        dsl.insertInto(T).set(UUID_, id).set(SLUG, a.slug()).set(NAME, a.name()).set(PROVIDER, a.provider())
                .set(META_LAUNCH_URL, a.metaLaunchUrl()).set(META_DESCRIPTION, a.metaDescription())
                .set(META_PUBLISHER, a.metaPublisher()).set(META_ICON, a.metaIcon()).set(GROUP, a.group())
                .set(POLICY_ENGINE_MODE, a.policyEngineMode()).set(OPEN_IN_NEW_TAB, a.openInNewTab())
                .set(CREATED, Instant.now()).execute();
        return byPk(id).orElseThrow();
    }

    public void update(Application a) {
        dsl.update(T).set(SLUG, a.slug()).set(NAME, a.name()).set(PROVIDER, a.provider())
                .set(META_LAUNCH_URL, a.metaLaunchUrl()).set(META_DESCRIPTION, a.metaDescription())
                .set(META_PUBLISHER, a.metaPublisher()).set(META_ICON, a.metaIcon()).set(GROUP, a.group())
                .set(POLICY_ENGINE_MODE, a.policyEngineMode()).set(OPEN_IN_NEW_TAB, a.openInNewTab())
                .where(UUID_.eq(a.pk())).execute();
    }

    public Optional<Application> byPk(UUID pk) {
        return dsl.select(ALL).from(T).where(UUID_.eq(pk)).fetchOptional(ApplicationStore::map);
    }

    public Optional<Application> bySlug(String slug) {
        return dsl.select(ALL).from(T).where(SLUG.eq(slug)).fetchOptional(ApplicationStore::map);
    }

    public Optional<Application> byProvider(long provider) {
        return dsl.select(ALL).from(T).where(PROVIDER.eq(provider)).fetchOptional(ApplicationStore::map);
    }

    /** {@link #byProvider} through the {@link DefinitionCache}. */
    public Optional<Application> byProviderCached(long provider) {
        return DefinitionCache.of(dsl).get(java.util.List.of("application-by-provider", provider), () -> byProvider(provider));
    }

    public boolean slugTaken(String slug, UUID exceptPk) {
        return dsl.fetchExists(T, SLUG.eq(slug).and(exceptPk == null ? org.jooq.impl.DSL.noCondition() : UUID_.ne(exceptPk)));
    }

    public boolean providerTaken(long provider, UUID exceptPk) {
        return dsl.fetchExists(T, PROVIDER.eq(provider).and(exceptPk == null ? org.jooq.impl.DSL.noCondition() : UUID_.ne(exceptPk)));
    }

    public boolean delete(UUID pk) {
        return dsl.deleteFrom(T).where(UUID_.eq(pk)).execute() > 0;
    }

    public Page<Application> list(PageRequest req) {
        return LISTING.fetch(dsl, req, null);
    }
}
