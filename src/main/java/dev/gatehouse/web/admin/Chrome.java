package dev.gatehouse.web.admin;

import java.util.List;

/**
 * What every admin page shows around its content: the brand, who is signed in, the navigation with the current
 * entry marked, and the session's CSRF token for the page's forms.
 */
public record Chrome(String title, String brandTitle, String userName, String csrf, String active,
                     List<Navigation.Section> sections, String logoutAction) {

    public boolean isActive(Navigation.Item item) {
        return item.key().equals(active);
    }
}
