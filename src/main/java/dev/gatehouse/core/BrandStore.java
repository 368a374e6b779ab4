package dev.gatehouse.core;

import static dev.gatehouse.core.CoreTables.Brands.*;

import dev.gatehouse.store.DefinitionCache;
import dev.gatehouse.store.Listing;
import dev.gatehouse.store.Page;
import dev.gatehouse.store.PageRequest;
import java.util.LinkedHashMap;
import org.jooq.Field;
import org.jooq.impl.DSL;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.Record;

/** Rows of {@code core_brand}. */
public final class BrandStore {
    /** What the default brand is called where no brand row can be read. */
    public static final String FALLBACK_TITLE = "Gatehouse";
    public static final Listing<Brand> LISTING = Listing.of(T, ALL, UUID_, BrandStore::map)
            .filter("brand_uuid", UUID_).filter("domain", DOMAIN).filter("default", IS_DEFAULT)
            .filter("branding_title", BRANDING_TITLE)
            .search(DOMAIN, BRANDING_TITLE)
            .order("domain", DOMAIN).order("default", IS_DEFAULT).order("branding_title", BRANDING_TITLE)
            .defaultOrder(DOMAIN.asc())
            .build();
    private final DSLContext dsl;

    public BrandStore(DSLContext dsl) {
        this.dsl = dsl;
    }

    static Brand map(Record r) {
        return new Brand(r.get(UUID_), r.get(DOMAIN), r.get(IS_DEFAULT), r.get(BRANDING_TITLE), r.get(BRANDING_LOGO),
                r.get(BRANDING_FAVICON), r.get(FLOW_AUTHENTICATION), r.get(FLOW_INVALIDATION), r.get(FLOW_RECOVERY),
                r.get(FLOW_UNENROLLMENT), r.get(FLOW_USER_SETTINGS), r.get(FLOW_DEVICE_CODE), r.get(FLOW_LOCKDOWN),
                r.get(DEFAULT_APPLICATION), Json.map(r.get(ATTRIBUTES)));
    }

    public Brand insertDefault(String domain, String title) {
        UUID id = UUID.randomUUID();
        dsl.insertInto(T).set(UUID_, id).set(DOMAIN, domain).set(IS_DEFAULT, true).set(BRANDING_TITLE, title)
                .set(ATTRIBUTES, Json.write(Map.of())).execute();
        return byPk(id).orElseThrow();
    }

    public Brand insert(Brand b) {
        UUID id = UUID.randomUUID();
        dsl.insertInto(T).set(UUID_, id).set(values(b)).execute();
        return byPk(id).orElseThrow();
    }

    public void update(Brand b) {
        dsl.update(T).set(values(b)).where(UUID_.eq(b.pk())).execute();
    }

    public void delete(UUID pk) {
        dsl.deleteFrom(T).where(UUID_.eq(pk)).execute();
    }

    public Page<Brand> list(PageRequest req) {
        return LISTING.fetch(dsl, req, null);
    }

    public boolean domainTaken(String domain, UUID exceptPk) {
        return dsl.fetchExists(T, DOMAIN.eq(domain).and(exceptPk == null ? DSL.noCondition() : UUID_.ne(exceptPk)));
    }

    /** Whether a brand other than {@code exceptPk} is the default one. */
    public boolean otherDefault(UUID exceptPk) {
        return dsl.fetchExists(T, IS_DEFAULT.isTrue().and(exceptPk == null ? DSL.noCondition() : UUID_.ne(exceptPk)));
    }

    private static Map<Field<?>, Object> values(Brand b) {
        Map<Field<?>, Object> v = new LinkedHashMap<>();
        v.put(DOMAIN, b.domain());
        v.put(IS_DEFAULT, b.isDefault());
        v.put(BRANDING_TITLE, b.brandingTitle());
        v.put(BRANDING_LOGO, b.brandingLogo());
        v.put(BRANDING_FAVICON, b.brandingFavicon());
        v.put(FLOW_AUTHENTICATION, b.flowAuthentication());
        v.put(FLOW_INVALIDATION, b.flowInvalidation());
        v.put(FLOW_RECOVERY, b.flowRecovery());
        v.put(FLOW_UNENROLLMENT, b.flowUnenrollment());
        v.put(FLOW_USER_SETTINGS, b.flowUserSettings());
        v.put(FLOW_DEVICE_CODE, b.flowDeviceCode());
        v.put(FLOW_LOCKDOWN, b.flowLockdown());
        v.put(DEFAULT_APPLICATION, b.defaultApplication());
        v.put(ATTRIBUTES, Json.write(b.attributes()));
        return v;
    }

    /** The default brand's title, as every page shows it. */
    public String defaultTitle() {
        return defaultBrandCached().map(Brand::brandingTitle).orElse(FALLBACK_TITLE);
    }

    /** The title of the brand for a request host. */
    public String titleForHost(String host) {
        return forHost(host).map(Brand::brandingTitle).orElse(FALLBACK_TITLE);
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
