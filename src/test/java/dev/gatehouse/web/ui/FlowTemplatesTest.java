package dev.gatehouse.web.ui;

import static org.assertj.core.api.Assertions.assertThat;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The flow page templates render each challenge as a plain form, escaping what they show. */
class FlowTemplatesTest {
    private final TemplateEngine templates = TemplateEngine.createPrecompiled(ContentType.Html);

    private String render(String component, Map<String, Object> fields, Map<String, List<String>> errors) {
        StringOutput out = new StringOutput();
        templates.render("flow.jte", new FlowPage("Brand", "Flow", "/if/flow/x/?next=%2F", "form-token", component,
                fields, errors, null), out);
        return out.toString();
    }

    @Test
    void consentListsPermissionsCarriesTokenAndEscapes() {
        String html = render("ak-stage-consent", Map.of(
                "header_text", "\"<script>alert(1)</script>\" would like to access:",
                "permissions", List.of(Map.of("id", "email", "name", "Your email address")),
                "token", "consent-token"), Map.of("token", List.of("Invalid consent token.")));

        assertThat(html).contains("name=\"token\" value=\"consent-token\"")
                .contains("name=\"csrf\" value=\"form-token\"")
                .contains("<li>Your email address</li>")
                .contains("Invalid consent token.")
                .contains("&lt;script&gt;").doesNotContain("<script>alert(1)</script>");
    }

    @Test
    void userLoginOffersStaySignedIn() {
        String html = render("ak-stage-user-login", Map.of("pending_user", "alice"), Map.of());

        assertThat(html).contains("name=\"remember_me\"").contains("Signed in as <strong>alice</strong>")
                .contains("value=\"ak-stage-user-login\"");
    }

    @Test
    void identificationHasLabelledInputAndErrors() {
        String html = render("ak-stage-identification", Map.of("user_fields", List.of("email"),
                "password_fields", true, "primary_action", "Log in"),
                Map.of("non_field_errors", List.of("Failed to authenticate.")));

        assertThat(html).contains("<label for=\"uid_field\">Email</label>").contains("id=\"uid_field\"")
                .contains("<label for=\"password\">Password</label>").contains("Failed to authenticate.");
    }

    @Test
    void promptMarksTheInvalidFieldAndPointsItAtItsError() {
        String html = render("ak-stage-prompt", Map.of("fields", List.of(
                        Map.of("field_key", "email", "label", "Email", "type", "email", "required", true,
                                "placeholder", "Admin email", "initial_value", "not-an-email", "sub_text", "For alerts"),
                        Map.of("field_key", "password", "label", "Password", "type", "password", "required", true,
                                "placeholder", "Password", "sub_text", ""))),
                Map.of("email", List.of("Enter a valid email address.")));

        assertThat(html).contains("<label for=\"prompt-email\">Email</label>")
                .contains("value=\"not-an-email\"")
                .contains("aria-invalid=\"true\" aria-describedby=\"prompt-email-hint prompt-email-error\"")
                .contains("<p class=\"hint\" id=\"prompt-email-hint\">For alerts</p>")
                .contains("<p class=\"error\" role=\"alert\" id=\"prompt-email-error\">Enter a valid email address.</p>")
                .contains("type=\"password\" value=\"\" placeholder=\"Password\" autocomplete=\"new-password\" required>");
        // only the field with an error is marked, and a field without hint or error points at nothing
        assertThat(html.split("aria-invalid", -1)).hasSize(2);
        assertThat(html.split("aria-describedby", -1)).hasSize(2);
    }

    @Test
    void unknownComponentSaysSoInsteadOfAnEmptyForm() {
        assertThat(render("ak-stage-something-new", Map.of(), Map.of())).contains("ak-stage-something-new")
                .doesNotContain("<form");
    }
}
