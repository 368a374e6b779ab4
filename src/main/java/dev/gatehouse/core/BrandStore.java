package dev.gatehouse.core;

import static dev.gatehouse.core.CoreTables.Brands.*;

import dev.gatehouse.core.Brand;
import dev.gatehouse.core.Json;
import dev.gatehouse.store.DefinitionCache;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.Record;

/** Rows of {@code core_brand}. */
public final class BrandStore {
    private final DSLContext dsl;

    public BrandStore(DSLContext dsl) {
        this.dsl = dsl;
    }

    static Brand map(Record r) {
        return new Brand(r.get(UUID_), r.get(DOMAIN), r.get(IS_DEFAULT), r.get(BRANDING_TITLE), r.get(BRANDING_LOGO),
                r.get(BRANDING_FAVICON), r.get(FLOW_AUTHENTICATION), r.get(FLOW_INVALIDATION), r.get(FLOW_RECOVERY),
                r.get(FLOW_UNENROLLMENT), r.get(FLOW_USER_SETTINGS), r.get(FLOW_DEVICE_CODE),
                r.get(DEFAULT_APPLICATION), Json.map(r.get(ATTRIBUTES)));
    }

    public Brand insertDefault(String domain, String title) {
        UUID id = UUID.randomUUID();
        dsl.insertInto(T).set(UUID_, id).set(DOMAIN, domain).set(IS_DEFAULT, true).set(BRANDING_TITLE, title)
                .set(ATTRIBUTES, Json.write(Map.of())).execute();
        return byPk(id).orElseThrow();
    }

    /** Sets the brand's authentication and invalidation flows where none is set yet. */
    public void defaultFlows(UUID brand, UUID authentication, UUID invalidation) {
        dsl.update(T).set(FLOW_AUTHENTICATION, authentication).where(UUID_.eq(brand)).and(FLOW_AUTHENTICATION.isNull()).execute();
        dsl.update(T).set(FLOW_INVALIDATION, invalidation).where(UUID_.eq(brand)).and(FLOW_INVALIDATION.isNull()).execute();
    }

    public Optional<Brand> byPk(UUID pk) {
        return dsl.select(ALL).from(T).where(UUID_.eq(pk)).fetchOptional(BrandStore::map);
    }

    public Optional<Brand> defaultBrand() {
        return dsl.select(ALL).from(T).where(IS_DEFAULT.isTrue()).orderBy(DOMAIN).limit(1).fetchOptional(BrandStore::map);
    }

    /** {@link #defaultBrand} through the {@link DefinitionCache}. */
    public Optional<Brand> defaultBrandCached() {
        return DefinitionCache.of(dsl).get(java.util.List.of("default-brand"), this::defaultBrand);
    }

    /** The brand for a request host: exact domain, else the default one. */
    public Optional<Brand> forHost(String host) {
        Optional<Brand> exact = dsl.select(ALL).from(T).where(DOMAIN.eq(host)).fetchOptional(BrandStore::map);
        return exact.isPresent() ? exact : defaultBrand();
    }
}
