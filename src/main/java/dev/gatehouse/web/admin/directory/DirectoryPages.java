package dev.gatehouse.web.admin.directory;

import dev.gatehouse.web.admin.AdminPages;
import dev.gatehouse.web.admin.AdminRoutes;
import java.util.ArrayList;
import java.util.List;

/** The hand-made pages of Directory: users (with their create form) and groups. */
public final class DirectoryPages implements AdminPages {
    @Override
    public void register(AdminRoutes routes) {
        new UserPages().register(routes);
        new GroupPages().register(routes);
    }

    /**
     * {@code pages} with these first, so they take precedence over the generic object pages (registered from
     * {@code dev.gatehouse.Gatehouse}: {@code web.admin} itself cannot name this package without a package cycle).
     */
    public static List<AdminPages> before(List<AdminPages> pages) {
        List<AdminPages> out = new ArrayList<>();
        out.add(new DirectoryPages());
        out.addAll(pages);
        return List.copyOf(out);
    }
}
