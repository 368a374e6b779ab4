package dev.gatehouse.web.admin;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AdminRoutesTest {
    private static final AdminHandler HAND_MADE_DETAIL = r -> { };
    private static final AdminHandler GENERIC_CREATE = r -> { };
    private static final AdminHandler GENERIC_DETAIL = r -> { };

    @Test
    void theMostSpecificRouteWinsAndAmongEqualsTheFirstAdded() {
        AdminRoutes routes = new AdminRoutes()
                .get("users/{pk}/", HAND_MADE_DETAIL)
                .get("users/new/", GENERIC_CREATE)
                .get("users/{key}/", GENERIC_DETAIL);
        assertThat(routes.match("GET", "users/new/").orElseThrow().handler()).isSameAs(GENERIC_CREATE);
        AdminRoutes.Match detail = routes.match("GET", "users/42/").orElseThrow();
        assertThat(detail.handler()).isSameAs(HAND_MADE_DETAIL);
        assertThat(detail.params()).containsEntry("pk", "42");
        assertThat(routes.match("POST", "users/42/")).isEmpty();
        assertThat(routes.matchesOtherMethod("POST", "users/42/")).isTrue();
        assertThat(routes.match("GET", "users/42/extra/")).isEmpty();
    }
}
