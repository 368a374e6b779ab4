package dev.gatehouse.web;

import dev.gatehouse.core.Application;
import dev.gatehouse.core.User;
import dev.gatehouse.policy.engine.ApplicationAccess;
import dev.gatehouse.policy.engine.PolicyRequest;
import dev.gatehouse.store.Database;
import dev.gatehouse.store.PageRequest;
import dev.gatehouse.store.Stores;
import dev.gatehouse.web.ui.PortalPage;
import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.List;
import java.util.Optional;

/**
 * {@code /if/user/}: the applications the signed-in user may open (each one's policy bindings decide,
 * through {@link ApplicationAccess}), with their launch URLs. Not signed in: the brand's login flow.
 */
public final class UserPortal {
    private final Database db;
    private final CurrentUser currentUser;
    private final ApplicationAccess access;
    private final EntryPoints entryPoints;
    private final ClientIp clientIp;
    private final TemplateEngine templates = TemplateEngine.createPrecompiled(ContentType.Html);

    public UserPortal(Database db, CurrentUser currentUser, ApplicationAccess access, EntryPoints entryPoints,
                      ClientIp clientIp) {
        this.db = db;
        this.currentUser = currentUser;
        this.access = access;
        this.entryPoints = entryPoints;
        this.clientIp = clientIp;
    }

    public void register(HttpRouting.Builder routing) {
        routing.get(EntryPoints.PORTAL, this::portal);
    }

    private void portal(ServerRequest req, ServerResponse res) {
        req.context().register(new RouteName(EntryPoints.PORTAL));
        res.header(HeaderNames.CACHE_CONTROL, "no-store");
        Optional<User> user = currentUser.of(req);
        if (user.isEmpty()) {
            res.status(302);
            res.header(HeaderNames.LOCATION, entryPoints.loginUrl(EntryPoints.PORTAL));
            res.send();
            return;
        }
        PolicyRequest request = new PolicyRequest(user.get(),
                clientIp.resolve(req.remotePeer().address(), req.headers().values(HeaderNames.X_FORWARDED_FOR)),
                new PolicyRequest.Http(req.headers().first(HeaderNames.HOST).orElse(null), EntryPoints.PORTAL,
                        req.headers().first(HeaderNames.USER_AGENT).orElse(null)), java.util.Map.of());
        Stores s = Stores.on(db.dsl());
        List<PortalPage.App> apps = s.applications().list(PageRequest.all()).results().stream()
                .filter(a -> access.check(a, user.get(), request).passing())
                .map(UserPortal::app).toList();
        String brand = s.brands().defaultBrandCached().map(b -> b.brandingTitle()).orElse("Gatehouse");
        StringOutput out = new StringOutput();
        templates.render("user.jte", new PortalPage(brand, user.get().name().isBlank() ? user.get().username()
                : user.get().name(), apps), out);
        res.header(HeaderNames.CONTENT_TYPE, "text/html; charset=utf-8");
        res.header("X-Frame-Options", "DENY");
        res.send(out.toString());
    }

    private static PortalPage.App app(Application a) {
        return new PortalPage.App(a.name(), a.metaLaunchUrl().isBlank() ? null : a.metaLaunchUrl(),
                a.metaDescription(), a.group(), a.openInNewTab());
    }
}
