package dev.gatehouse.web.admin;

/** A group of admin pages (a hand-made page, or the generic object pages) that adds its routes. */
public interface AdminPages {
    void register(AdminRoutes routes);
}
