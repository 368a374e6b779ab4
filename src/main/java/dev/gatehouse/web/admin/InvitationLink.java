package dev.gatehouse.web.admin;

import java.util.List;
import java.util.Map;

/**
 * "Link to use the invitation" on an invitation's page, as authentik shows it: {@code <base>/if/flow/<flow
 * slug>/?itoken=<pk>}, with the base URL browsers reach this server at. An invitation without a flow has no link
 * of its own; its page says how to get one.
 */
final class InvitationLink {
    static final String LABEL = "Link to use the invitation";

    private InvitationLink() {
    }

    static List<ObjectPage.Property> of(Map<String, Object> view, String baseUrl) {
        Object pk = view.get("pk");
        if (pk == null) {
            return List.of();
        }
        if (!(Values.at(view, "flow_obj.slug") instanceof String slug)) {
            return List.of(new ObjectPage.Property(LABEL, "Choose the enrollment flow of this invitation (Edit) to get "
                    + "its link.", null, false));
        }
        String link = baseUrl.replaceAll("/+$", "") + "/if/flow/" + slug + "/?itoken=" + pk;
        return List.of(new ObjectPage.Property(LABEL, link, link, false));
    }
}
