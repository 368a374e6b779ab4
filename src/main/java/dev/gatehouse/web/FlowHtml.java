package dev.gatehouse.web;

import dev.gatehouse.flow.engine.Challenge;
import dev.gatehouse.flow.engine.StageForm;
import dev.gatehouse.flow.engine.StagePage;
import dev.gatehouse.flow.engine.StagePages;
import dev.gatehouse.web.ui.FlowPage;
import dev.gatehouse.web.ui.Pages;
import gg.jte.Content;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A flow step as an HTML page: the challenge's template, found by its component in the registry of stage pages,
 * inside the flow page (brand, title, errors not tied to a field). A component without a page says so.
 */
public final class FlowHtml {
    private final StagePages stages;

    public FlowHtml(StagePages stages) {
        this.stages = stages;
    }

    public String render(String brandTitle, String flowTitle, String action, String formToken, Challenge challenge,
                         Map<String, List<String>> errors) {
        StageForm form = new StageForm(action, formToken, errors);
        Content stage = stages.find(challenge.component()).map(StagePage::template).filter(Objects::nonNull)
                .<Content>map(template -> out -> Pages.render(template, Map.of("form", form, "challenge", challenge), out))
                .orElse(out -> Pages.render(Pages.UNKNOWN_STAGE, Map.of("component", challenge.component()), out));
        return Pages.render(Pages.FLOW, new FlowPage(brandTitle, flowTitle, form.errorsFor("non_field_errors"), stage));
    }
}
