package dev.gatehouse.web.admin.site;

import dev.gatehouse.api.ApiRouter;
import dev.gatehouse.web.admin.AdminPages;
import dev.gatehouse.web.admin.Declarations;
import dev.gatehouse.web.admin.ObjectPages;
import dev.gatehouse.web.admin.SettingsPage;
import dev.gatehouse.web.admin.applications.ApplicationWizard;
import dev.gatehouse.web.admin.bindings.BindingsPage;
import dev.gatehouse.web.admin.events.EventsPage;
import dev.gatehouse.web.admin.flows.FlowPage;
import dev.gatehouse.web.admin.overview.OverviewPage;
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

    /** {@code healthy}: whether the database answers (the overview's health). */
    public static List<AdminPages> pages(ApiRouter router, java.util.function.BooleanSupplier healthy) {
        Declarations declarations = new Declarations(router);
        return List.of(
                new OverviewPage(healthy),
                new FlowPage(declarations),
                new BindingsPage(),
                new EventsPage(),
                new SettingsPage(declarations),
                new ApplicationWizard(declarations),
                new OutpostsPage(),
                new DirectoryPages(),
                new ObjectPages(declarations));
    }
}
