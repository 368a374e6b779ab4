package dev.gatehouse.web.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.Gatehouse;
import dev.gatehouse.flow.engine.Challenge;
import dev.gatehouse.stage.consent.ConsentChallenge;
import dev.gatehouse.stage.identification.IdentificationChallenge;
import dev.gatehouse.stage.prompt.PromptChallenge;
import dev.gatehouse.stage.user_login.UserLoginChallenge;
import dev.gatehouse.web.FlowHtml;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The flow page templates render each challenge as a plain form, escaping what they show. */
class FlowTemplatesTest {
    private final FlowHtml html = new FlowHtml(Gatehouse.stagePages());

    private String render(Challenge challenge, Map<String, List<String>> errors) {
        return html.render("Brand", "Flow", "/if/flow/x/?next=%2F", "form-token", challenge, errors);
    }

    private record Unknown() implements Challenge {
        @Override
        public String component() {
            return "ak-stage-something-new";
        }
    }

    @Test
    void consentListsPermissionsCarriesTokenAndEscapes() {
        String html = render(new ConsentChallenge("\"<script>alert(1)</script>\" would like to access:",
                List.of(Map.of("id", "email", "name", "Your email address")), null, "consent-token", null),
                Map.of("token", List.of("Invalid consent token.")));

        assertThat(html).contains("name=\"token\" value=\"consent-token\"")
                .contains("name=\"csrf\" value=\"form-token\"")
                .contains("<li>Your email address</li>")
                .contains("Invalid consent token.")
                .contains("&lt;script&gt;").doesNotContain("<script>alert(1)</script>");
    }

    @Test
    void userLoginOffersStaySignedIn() {
        String html = render(new UserLoginChallenge("alice"), Map.of());

        assertThat(html).contains("name=\"remember_me\"").contains("Signed in as <strong>alice</strong>")
                .contains("value=\"ak-stage-user-login\"");
    }

    @Test
    void identificationHasLabelledInputAndErrors() {
        String html = render(new IdentificationChallenge(List.of("email"), true, null, null, null, "Log in", null, null,
                null, null, null, null),
                Map.of("non_field_errors", List.of("Failed to authenticate.")));

        assertThat(html).contains("<label for=\"uid_field\">Email</label>").contains("id=\"uid_field\"")
                .contains("<label for=\"password\">Password</label>").contains("Failed to authenticate.");
    }

    private static Map<String, Object> field(String key, String type, Object value, Object... extra) {
        Map<String, Object> f = new java.util.LinkedHashMap<>();
        f.put("field_key", key);
        f.put("label", "Label " + key);
        f.put("type", type);
        f.put("required", true);
        f.put("placeholder", "");
        f.put("initial_value", value);
        for (int i = 0; i < extra.length; i += 2) {
            f.put((String) extra[i], extra[i + 1]);
        }
        return f;
    }

    @Test
    void promptRendersEachFieldTypeLabelledWithValuesAndErrors() {
        String html = render(new PromptChallenge(List.of(
                field("email", "email", "typed@example.org\"><b>"),
                field("password", "password", null),
                field("team", "dropdown", "blue", "choices", List.of("red", "blue")),
                field("size", "radio-button-group", "s", "choices", List.of("s", "m")),
                field("terms", "checkbox", "true"),
                field("bio", "text_area", "hello"),
                field("source", "hidden", "web"),
                field("motd", "static", "Welcome aboard"),
                field("born", "date-time", null))),
                Map.of("email", List.of("Enter a valid email address."), "non_field_errors", List.of("Passwords don't match.")));

        assertThat(html).contains("name=\"csrf\" value=\"form-token\"").contains("value=\"ak-stage-prompt\"")
                .contains("<label for=\"prompt-email\">Label email</label>")
                .contains("id=\"prompt-email\" name=\"email\" type=\"email\" value=\"typed@example.org&#34;>&lt;b>\"")
                .contains("name=\"password\" type=\"password\" value=\"\"")
                .contains("autocomplete=\"new-password\"")
                .contains("<option value=\"blue\" selected>blue</option>").contains("<option value=\"red\">red</option>")
                .contains("type=\"radio\" name=\"size\" value=\"s\" checked")
                .contains("type=\"checkbox\" name=\"terms\" value=\"true\" checked")
                .contains("<textarea id=\"prompt-bio\" name=\"bio\"").contains(">hello</textarea>")
                .contains("<input type=\"hidden\" name=\"source\" value=\"web\">")
                .contains("Welcome aboard").contains("type=\"datetime-local\"")
                .contains("Enter a valid email address.").contains("Passwords don't match.")
                .doesNotContain("<b>");
    }

    @Test
    void promptMarksTheInvalidFieldAndPointsItAtItsError() {
        String html = render(new PromptChallenge(List.of(
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
        assertThat(render(new Unknown(), Map.of())).contains("ak-stage-something-new")
                .doesNotContain("<form");
    }
}
