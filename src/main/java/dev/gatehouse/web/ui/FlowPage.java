package dev.gatehouse.web.ui;

import gg.jte.Content;
import java.util.List;

/**
 * What a flow page shows around its stage: the brand and flow titles, the errors not tied to a field, and the
 * stage's own part, rendered from its template.
 */
public record FlowPage(String brandTitle, String flowTitle, List<String> errors, Content stage) {

    public String title() {
        return flowTitle == null || flowTitle.isBlank() ? brandTitle : flowTitle + " – " + brandTitle;
    }
}
