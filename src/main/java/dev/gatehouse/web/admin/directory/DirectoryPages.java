package dev.gatehouse.web.admin.directory;

import dev.gatehouse.web.admin.AdminPages;
import dev.gatehouse.web.admin.AdminRoutes;

/** The hand-made pages of Directory: users (with their create form) and groups. */
public final class DirectoryPages implements AdminPages {
    @Override
    public void register(AdminRoutes routes) {
        new UserPages().register(routes);
        new GroupPages().register(routes);
    }
}
