package dev.gatehouse.api.resources;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.gatehouse.api.ApiRequest;
import dev.gatehouse.api.ApiResponse;
import dev.gatehouse.api.Pagination;
import dev.gatehouse.api.Routes;
import dev.gatehouse.brand.BrandService;
import dev.gatehouse.core.Brand;
import dev.gatehouse.core.BrandStore;
import dev.gatehouse.core.errors.NotFoundException;
import dev.gatehouse.definition.Write;
import dev.gatehouse.store.Database;
import java.util.Map;
import java.util.UUID;

/** {@code core/brands/}: the brands (title, logo and flows per domain), authentik's shape. */
public final class BrandsApi {
    private static final String PATH = "core/brands/";
    private final Database db;
    private final BrandService brands;

    public BrandsApi(Database db, BrandService brands) {
        this.db = db;
        this.brands = brands;
    }

    /** A brand as the API shows it; {@code default} is a Java keyword, hence its annotation. */
    public record BrandView(UUID brandUuid, String domain, @JsonProperty("default") boolean isDefault,
                            String brandingTitle, String brandingLogo, String brandingFavicon,
                            UUID flowAuthentication, UUID flowInvalidation, UUID flowRecovery, UUID flowUnenrollment,
                            UUID flowUserSettings, UUID flowDeviceCode, UUID flowLockdown, UUID defaultApplication,
                            Map<String, Object> attributes) {
        static BrandView of(Brand b) {
            return new BrandView(b.pk(), b.domain(), b.isDefault(), b.brandingTitle(), b.brandingLogo(),
                    b.brandingFavicon(), b.flowAuthentication(), b.flowInvalidation(), b.flowRecovery(),
                    b.flowUnenrollment(), b.flowUserSettings(), b.flowDeviceCode(), b.flowLockdown(), b.defaultApplication(),
                    b.attributes());
        }
    }

    public void register(Routes r) {
        r.crud(PATH, "brand_uuid", "core_brands", "brand", BrandService.Changes.DEFINITION, BrandView.class,
                BrandStore.LISTING.filterNames(), new Routes.Crud(
                        req -> ApiResponse.ok(Pagination.envelope(new BrandStore(db.dsl()).list(req.pageRequest())
                                .map(BrandView::of))),
                        req -> BrandView.of(brands.create(req.actor(),
                                req.body().read(BrandService.Changes.DEFINITION, Write.CREATE))),
                        req -> BrandView.of(find(req)),
                        (req, write) -> BrandView.of(brands.update(req.actor(), find(req).pk(),
                                req.body().read(BrandService.Changes.DEFINITION, write))),
                        req -> {
                            brands.delete(req.actor(), find(req).pk());
                            return null;
                        }));
    }

    private Brand find(ApiRequest req) {
        return new BrandStore(db.dsl()).byPk(req.pathUuid("brand_uuid")).orElseThrow(NotFoundException::new);
    }
}
