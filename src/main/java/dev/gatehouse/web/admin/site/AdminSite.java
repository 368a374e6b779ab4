package dev.gatehouse.web.admin.site;

import dev.gatehouse.api.ApiRouter;
import dev.gatehouse.web.admin.AdminPages;
import dev.gatehouse.web.admin.Declarations;
import dev.gatehouse.web.admin.ObjectPages;
import dev.gatehouse.web.admin.OverviewPage;
import dev.gatehouse.web.admin.SettingsPage;
import dev.gatehouse.web.admin.applications.ApplicationWizard;
import dev.gatehouse.web.admin.directory.DirectoryPages;
import dev.gatehouse.web.admin.outposts.OutpostsPage;
import java.util.List;

/**
 * Every page of the admin interface, in the order routes are tried: the hand-made pages first, so they take the
 * place of the generic object pages for their types, which come last.
 */
public final class AdminSite {
    private AdminSite() {
    }

    public static List<AdminPages> pages(ApiRouter router) {
        Declarations declarations = new Declarations(router);
        return List.of(
                new OverviewPage(),
                new SettingsPage(declarations),
                new ApplicationWizard(declarations),
                new OutpostsPage(),
                new DirectoryPages(),
                new ObjectPages(declarations));
    }
}
