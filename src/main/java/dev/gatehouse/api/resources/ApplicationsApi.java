package dev.gatehouse.api.resources;

import dev.gatehouse.api.Access;
import dev.gatehouse.api.ApiRequest;
import dev.gatehouse.api.ApiResponse;
import dev.gatehouse.api.Pagination;
import dev.gatehouse.api.Routes;
import dev.gatehouse.api.resources.ProvidersApi.ProviderView;
import dev.gatehouse.core.Application;
import dev.gatehouse.core.ApplicationChanges;
import dev.gatehouse.core.ApplicationService;
import dev.gatehouse.core.errors.NotFoundException;
import dev.gatehouse.core.ProviderStore;
import dev.gatehouse.core.User;
import dev.gatehouse.core.UserStore;
import dev.gatehouse.core.errors.ValidationException;
import dev.gatehouse.definition.Write;
import dev.gatehouse.launch.LaunchUrls;
import dev.gatehouse.policy.PolicyBinding;
import dev.gatehouse.policy.engine.ApplicationAccess;
import dev.gatehouse.policy.engine.BindingSubject;
import dev.gatehouse.policy.PolicyRequest;
import dev.gatehouse.policy.engine.PolicyResult;
import dev.gatehouse.core.ApplicationStore;
import dev.gatehouse.store.Database;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** {@code core/applications/}: CRUD addressed by slug, and {@code check_access} (issue 3 item 8). */
public final class ApplicationsApi {
    private final Database db;
    private final ApplicationService applications;
    private final ApplicationAccess access;

    public ApplicationsApi(Database db, ApplicationService applications, ApplicationAccess access) {
        this.db = db;
        this.applications = applications;
        this.access = access;
    }

    /** The binding that decided an access check: its pk, order, what it binds and that subject's name. */
    public record BindingView(UUID pk, int order, String kind, String name) {
    }

    /** {@code binding} is null when no binding decided (no enabled bindings). */
    public record CheckAccessView(boolean passing, List<String> messages, BindingView binding) {
    }

    public record ApplicationView(UUID pk, String name, String slug, Long provider, ProviderView providerObj,
                                  String launchUrl, boolean openInNewTab, String metaLaunchUrl, String metaIcon,
                                  String metaDescription, String metaPublisher, String policyEngineMode,
                                  String group) {
    }

    public void register(Routes r) {
        r.crud("core/applications/", "slug", "core_applications", "application", ApplicationChanges.DEFINITION,
                        ApplicationView.class, ApplicationStore.LISTING.filterNames(), new Routes.Crud(this::list,
                                req -> view(applications.create(req.actor(),
                                        req.body().read(ApplicationChanges.DEFINITION, Write.CREATE))),
                                req -> view(find(req)),
                                (req, write) -> view(applications.update(req.actor(), find(req).slug(),
                                        req.body().read(ApplicationChanges.DEFINITION, write))),
                                req -> {
                                    applications.delete(req.actor(), find(req).slug());
                                    return null;
                                }))
                .op("GET", "core/applications/{slug}/check_access/", Access.SUPERUSER,
                        "core_applications_check_access_retrieve",
                        "Check whether a user (for_user, default: the caller) may access an application", null,
                        CheckAccessView.class, this::checkAccess);
    }

    private ApiResponse list(ApiRequest req) {
        return ApiResponse.ok(Pagination.envelope(
                new ApplicationStore(db.dsl()).list(req.pageRequest()).map(this::view)));
    }

    private ApiResponse checkAccess(ApiRequest req) {
        Application app = find(req);
        User user = forUser(req);
        PolicyRequest request = new PolicyRequest(user, req.clientIp(), new PolicyRequest.Http(req.header("Host"),
                "/api/v3/core/applications/" + app.slug() + "/check_access/", req.header("User-Agent")), Map.of());
        PolicyResult result = access.check(app, user, request);
        return ApiResponse.ok(new CheckAccessView(result.passing(), result.messages(), bindingView(result.binding())));
    }

    private User forUser(ApiRequest req) {
        String given = req.query("for_user");
        if (given == null) {
            return req.principal().user();
        }
        long pk;
        try {
            pk = Long.parseLong(given.trim());
        } catch (NumberFormatException e) {
            throw ValidationException.of("for_user", "A valid integer is required.");
        }
        return new UserStore(db.dsl()).byPk(pk).orElseThrow(
                () -> ValidationException.of("for_user", "Invalid pk \"" + pk + "\" - object does not exist."));
    }

    private BindingView bindingView(PolicyBinding b) {
        if (b == null) {
            return null;
        }
        BindingSubject subject = BindingSubject.of(db.dsl(), b);
        return new BindingView(b.pk(), b.order(), subject.kind().value(), subject.name());
    }

    private Application find(ApiRequest req) {
        return new ApplicationStore(db.dsl()).bySlug(req.path("slug")).orElseThrow(NotFoundException::new);
    }

    ApplicationView view(Application a) {
        ProviderView provider = a.provider() == null ? null
                : new ProviderStore(db.dsl()).byPk(a.provider()).map(ProviderView::of).orElse(null);
        String launch = new LaunchUrls(db.dsl()).of(a).orElse(null);
        return new ApplicationView(a.pk(), a.name(), a.slug(), a.provider(), provider, launch, a.openInNewTab(),
                a.metaLaunchUrl(), a.metaIcon().isEmpty() ? null : a.metaIcon(), a.metaDescription(),
                a.metaPublisher(), a.policyEngineMode(), a.group());
    }
}
