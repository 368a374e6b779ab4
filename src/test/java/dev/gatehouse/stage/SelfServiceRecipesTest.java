package dev.gatehouse.stage;

import static dev.gatehouse.api.ApiTestSupport.ADMIN;
import static dev.gatehouse.api.ApiTestSupport.JSON;
import static dev.gatehouse.api.ApiTestSupport.expect;
import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.gatehouse.api.ApiTestSupport;
import dev.gatehouse.testing.FlowClient;
import dev.gatehouse.testing.TestServer;
import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/**
 * Seed 004's self-service recipes, set up through the REST API as its admin-interface steps do and run through
 * the flow executor with a real SMTP server (GreenMail): password recovery by email, invitation enrollment with
 * an account-confirmation email, and TOTP forced during enrollment.
 */
class SelfServiceRecipesTest {
    @RegisterExtension
    static final GreenMailExtension SMTP = new GreenMailExtension(ServerSetupTest.SMTP);
    private static final Pattern LINK = Pattern.compile("(https?://[^\\s\"<>]+/if/flow/([a-z0-9-]+)/\\?flow_token=([A-Za-z0-9_\\-%.]+))");
    private static final String STRONG = "Correct-Horse-9-Battery";
    private static final String COMPLEXITY_MESSAGE = "Please enter a minimum of 12 characters with at least 1 uppercase, "
            + "1 lowercase, 1 digit and 1 symbol character.";
    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static TestServer server;
    private static String complexity;

    @BeforeAll
    static void start() {
        server = TestServer.start(Map.of("email.host", "127.0.0.1", "email.port", String.valueOf(ServerSetupTest.SMTP.getPort()),
                "email.from", "gatehouse@example.org", "email.timeout", "5"));
        // "It's a good idea to enforce some kind of password policy."
        complexity = api("POST", "/api/v3/policies/password/", Map.of("name", "password-complexity", "length_min", 12,
                "amount_uppercase", 1, "amount_lowercase", 1, "amount_digits", 1, "amount_symbols", 1,
                "error_message", COMPLEXITY_MESSAGE), 201).get("pk").asString();
        api("PATCH", "/api/v3/stages/prompt/stages/" + stage("default-password-change-prompt") + "/",
                Map.of("validation_policies", List.of(complexity)), 200);
        setUpRecovery();
        setUpInvitationEnrollment();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** "If users forget their password it's nice if they're able to reset their passwords on their own." */
    private static void setUpRecovery() {
        String identification = api("POST", "/api/v3/stages/identification/", Map.of("name",
                "recovery-authentication-identification", "user_fields", List.of("username", "email")), 201).get("pk").asString();
        String email = api("POST", "/api/v3/stages/email/", Map.of("name", "recovery-email",
                "subject", "Authentik password recovery"), 201).get("pk").asString();
        String flow = api("POST", "/api/v3/flows/instances/", Map.of("name", "Recovery", "title", "Recovery",
                "slug", "recovery", "designation", "recovery"), 201).get("pk").asString();
        bind(flow, identification, 10);
        bind(flow, email, 20);
        bind(flow, stage("default-password-change-prompt"), 30);
        bind(flow, stage("default-password-change-write"), 40);
        api("PATCH", "/api/v3/stages/identification/" + stage("default-authentication-identification") + "/",
                Map.of("recovery_flow", flow), 200);
    }

    /** "Invitation link with a set expiration time is a better solution." */
    private static void setUpInvitationEnrollment() {
        String group = api("POST", "/api/v3/core/groups/", Map.of("name", "authentik Users", "is_superuser", false), 201)
                .get("pk").asString();
        String write = api("POST", "/api/v3/stages/user_write/", Map.of("name", "enrollment-invitation-write",
                "user_creation_mode", "create_when_required", "create_users_as_inactive", false,
                "user_type", "internal", "create_users_group", group), 201).get("pk").asString();
        String invitation = api("POST", "/api/v3/stages/invitation/stages/", Map.of("name", "enrollment-invitation",
                "continue_flow_without_invitation", false), 201).get("pk").asString();
        String email = api("POST", "/api/v3/stages/email/", Map.of("name", "enrollment-invitation-email",
                "subject", "Account Confirmation", "template", "email/account_confirmation.html"), 201).get("pk").asString();
        String flow = api("POST", "/api/v3/flows/instances/", Map.of("name", "Enrollment Invitation",
                "title", "Enrollment Invitation", "slug", "enrollment-invitation", "designation", "enrollment",
                "compatibility_mode", true), 201).get("pk").asString();
        bind(flow, invitation, 10);
        bind(flow, stage("default-source-enrollment-prompt"), 20);
        bind(flow, write, 30);
        bind(flow, email, 40);
        bind(flow, stage("default-source-enrollment-login"), 50);
        List<String> fields = new ArrayList<>();
        for (String name : List.of("default-user-settings-field-username", "default-user-settings-field-name",
                "default-user-settings-field-email", "initial-setup-field-password", "initial-setup-field-password-repeat")) {
            JsonNode found = api("GET", "/api/v3/stages/prompt/prompts/?name=" + ApiTestSupport.q(name), null, 200).get("results");
            assertThat(found).as(name).hasSize(1);
            fields.add(found.get(0).get("pk").asString());
        }
        api("PATCH", "/api/v3/stages/prompt/stages/" + stage("default-source-enrollment-prompt") + "/",
                Map.of("fields", fields, "validation_policies", List.of(complexity)), 200);
    }

    // ---- recovery

    @Test
    void recoveryByEmailSetsAPasswordThatPassesTheComplexityPolicyAndTheOldOneStopsWorking() throws Exception {
        String user = newUser("Old-Password-1!");
        try (FlowClient login = new FlowClient(server.base())) {
            JsonNode identification = login.current("default-authentication-flow", null);
            assertThat(identification.get("recovery_url").asString()).isEqualTo("/if/flow/recovery/");
        }
        String link;
        try (FlowClient asking = new FlowClient(server.base())) {
            JsonNode sent = asking.answer("recovery", null, identify(asking.current("recovery", null), user + "@example.org"));
            assertThat(sent.get("component").asString()).as("%s", sent).isEqualTo("ak-stage-email");
            MimeMessage mail = nextMail(user + "@example.org");
            assertThat(mail.getSubject()).isEqualTo("Authentik password recovery");
            link = link(mail);
        }
        Matcher m = LINK.matcher(link);
        assertThat(m.matches()).as(link).isTrue();
        try (FlowClient other = new FlowClient(server.base())) { // the link opened in another browser
            String query = "flow_token=" + m.group(3);
            JsonNode prompt = other.current("recovery", query);
            assertThat(prompt.get("component").asString()).as("%s", prompt).isEqualTo("ak-stage-prompt");
            JsonNode weak = other.answer("recovery", query, passwords(prompt, "short"));
            assertThat(weak.get("response_errors").toString()).contains(COMPLEXITY_MESSAGE);
            JsonNode done = other.answer("recovery", query, passwords(weak, STRONG));
            assertThat(done.get("component").asString()).as("%s", done).isEqualTo(FlowClient.REDIRECT);
        }
        assertThat(signsIn(user, "Old-Password-1!")).isFalse();
        assertThat(signsIn(user, STRONG)).isTrue();
        try (FlowClient again = new FlowClient(server.base())) {
            java.net.http.HttpResponse<String> refused = again.getRaw("recovery", "flow_token=" + m.group(3));
            assertThat(refused.statusCode()).isEqualTo(410);
            JsonNode denied = JSON.readTree(refused.body());
            assertThat(denied.get("component").asString()).isEqualTo(FlowClient.ACCESS_DENIED);
            assertThat(denied.get("error_message").asString()).isEqualTo("This link is invalid, expired or was already used.");
        }
    }

    @Test
    void recoveryForAnUnknownUserShowsTheSamePageAndSendsNothing() throws Exception {
        String user = newUser("Old-Password-1!");
        JsonNode known;
        JsonNode unknown;
        try (FlowClient a = new FlowClient(server.base()); FlowClient b = new FlowClient(server.base())) {
            known = a.answer("recovery", null, identify(a.current("recovery", null), user));
            nextMail(user + "@example.org");
            int before = SMTP.getReceivedMessages().length;
            unknown = b.answer("recovery", null, identify(b.current("recovery", null), "nobody-" + user));
            Thread.sleep(1500);
            assertThat(SMTP.getReceivedMessages()).hasSize(before);
        }
        assertThat(withoutFlowInfo(unknown)).isEqualTo(withoutFlowInfo(known));
    }

    @Test
    void anAdminsRecoveryLinkRunsTheBrandsRecoveryFlowForThatUser() throws Exception {
        String user = newUser("Old-Password-1!");
        String userPk = api("GET", "/api/v3/core/users/?username=" + user, null, 200).get("results").get(0).get("pk").asString();
        String flow = api("POST", "/api/v3/flows/instances/", Map.of("name", "Admin recovery", "title", "Choose a password",
                "slug", "admin-recovery", "designation", "recovery"), 201).get("pk").asString();
        bind(flow, stage("default-password-change-prompt"), 10);
        bind(flow, stage("default-password-change-write"), 20);
        JsonNode brand = api("GET", "/api/v3/core/brands/?default=true", null, 200).get("results").get(0);
        String brandPath = "/api/v3/core/brands/" + brand.get("brand_uuid").asString() + "/";
        api("PATCH", brandPath, Map.of("flow_recovery", flow), 200);
        String link;
        try {
            link = api("POST", "/api/v3/core/users/" + userPk + "/recovery/", null, 200).get("link").asString();
        } finally {
            api("PATCH", brandPath, Map.of("flow_recovery", brand.get("flow_recovery")), 200);
        }
        Matcher m = LINK.matcher(link);
        assertThat(m.matches()).as(link).isTrue();
        assertThat(m.group(2)).isEqualTo("admin-recovery");
        try (FlowClient c = new FlowClient(server.base())) {
            String query = "flow_token=" + m.group(3);
            JsonNode prompt = c.current("admin-recovery", query);
            JsonNode done = c.answer("admin-recovery", query, passwords(prompt, STRONG));
            assertThat(done.get("component").asString()).as("%s", done).isEqualTo(FlowClient.REDIRECT);
        }
        assertThat(signsIn(user, STRONG)).isTrue();
    }

    // ---- invitation enrollment

    @Test
    void aSingleUseInvitationEnrollsOnceWithAnAccountConfirmationEmailThenSignsIn() throws Exception {
        String name = "member" + COUNTER.incrementAndGet();
        String invitation = invitation(Instant.now().plus(1, ChronoUnit.DAYS), true);
        try (FlowClient c = new FlowClient(server.base())) {
            String query = "itoken=" + invitation;
            JsonNode prompt = c.current("enrollment-invitation", query);
            assertThat(prompt.get("component").asString()).as("%s", prompt).isEqualTo("ak-stage-prompt");
            List<String> keys = new ArrayList<>();
            prompt.get("fields").forEach(f -> keys.add(f.get("field_key").asString()));
            assertThat(keys).containsExactly("username", "name", "email", "password", "password_repeat");
            JsonNode weak = c.answer("enrollment-invitation", query, enrollment(name, "weak"));
            assertThat(weak.get("response_errors").toString()).contains(COMPLEXITY_MESSAGE);
            JsonNode sent = c.answer("enrollment-invitation", query, enrollment(name, STRONG));
            assertThat(sent.get("component").asString()).as("%s", sent).isEqualTo("ak-stage-email");
            MimeMessage mail = nextMail(name + "@example.org");
            assertThat(mail.getSubject()).isEqualTo("Account Confirmation");
            Matcher m = LINK.matcher(link(mail));
            assertThat(m.matches()).isTrue();
            JsonNode done = c.current("enrollment-invitation", "flow_token=" + m.group(3));
            assertThat(done.get("component").asString()).as("%s", done).isEqualTo(FlowClient.REDIRECT);
            JsonNode me = JSON.readTree(c.get("/api/v3/core/users/me/").body()).get("user");
            assertThat(me.get("username").asString()).isEqualTo(name);
            assertThat(me.get("type").asString()).isEqualTo("internal");
            assertThat(me.get("is_active").asBoolean()).isTrue();
            JsonNode user = api("GET", "/api/v3/core/users/?username=" + name, null, 200).get("results").get(0);
            assertThat(user.get("groups_obj").toString()).contains("authentik Users");
        }
        expect(server.get("/api/v3/stages/invitation/invitations/" + invitation + "/", ADMIN), 404);
        assertThat(events("invitation_used").toString()).contains(invitation.replace("-", "")); // authentik's uuid hex
        try (FlowClient second = new FlowClient(server.base())) {
            JsonNode refused = second.current("enrollment-invitation", "itoken=" + invitation);
            assertThat(refused.get("component").asString()).isEqualTo(FlowClient.ACCESS_DENIED);
        }
    }

    @Test
    void anExpiredInvitationAndNoInvitationAreRefused() {
        String expired = invitation(Instant.now().minus(1, ChronoUnit.HOURS), true);
        try (FlowClient c = new FlowClient(server.base())) {
            JsonNode refused = c.current("enrollment-invitation", "itoken=" + expired);
            assertThat(refused.get("component").asString()).as("%s", refused).isEqualTo(FlowClient.ACCESS_DENIED);
        }
        try (FlowClient c = new FlowClient(server.base())) {
            assertThat(c.current("enrollment-invitation", null).get("component").asString()).isEqualTo(FlowClient.ACCESS_DENIED);
        }
    }

    @Test
    void whenTheEmailCannotBeSentNoUserIsCreatedAndTheInvitationStays() throws Exception {
        String name = "member" + COUNTER.incrementAndGet();
        String invitation = invitation(Instant.now().plus(1, ChronoUnit.DAYS), true);
        try (FlowClient c = new FlowClient(server.base())) {
            String query = "itoken=" + invitation;
            c.current("enrollment-invitation", query);
            SMTP.stop();
            JsonNode failed;
            try {
                failed = c.answer("enrollment-invitation", query, enrollment(name, STRONG));
            } finally {
                SMTP.start();
            }
            assertThat(failed.get("response_errors").toString()).containsIgnoringCase("could not send the email, try again later");
            assertThat(api("GET", "/api/v3/core/users/?username=" + name, null, 200).get("results")).isEmpty();
            expect(server.get("/api/v3/stages/invitation/invitations/" + invitation + "/", ADMIN), 200);
            JsonNode retried = c.answer("enrollment-invitation", query, enrollment(name, STRONG));
            assertThat(retried.get("component").asString()).as("%s", retried).isEqualTo("ak-stage-email");
            assertThat(api("GET", "/api/v3/core/users/?username=" + name, null, 200).get("results")).hasSize(1);
        }
    }

    // ---- forced TOTP during enrollment

    /**
     * On a server of its own: forcing TOTP through {@code default-authentication-mfa-validation} also forces it at
     * sign-in, as the seed intends, which the other recipes' sign-ins do not expect.
     */
    @Test
    void enrollmentForcesTotpSetupWhenTheValidationStageIsBoundAtOrderTwo() throws Exception {
        TestServer shared = server;
        server = TestServer.start();
        try {
            String validate = stage("default-authentication-mfa-validation");
            String totpSetup = stage("default-authenticator-totp-setup");
            api("PATCH", "/api/v3/stages/authenticator/validate/" + validate + "/", Map.of("device_classes", List.of("totp"),
                    "not_configured_action", "configure", "configuration_stages", List.of(totpSetup)), 200);
            String flow = api("GET", "/api/v3/flows/instances/default-source-enrollment/", null, 200).get("pk").asString();
            bind(flow, validate, 2);
            String login = stage("default-source-enrollment-login");
            for (JsonNode b : api("GET", "/api/v3/flows/bindings/?target=" + flow, null, 200).get("results")) {
                if (b.get("stage").asString().equals(login)) {
                    api("PATCH", "/api/v3/flows/bindings/" + b.get("pk").asString() + "/", Map.of("order", 3), 200);
                }
            }
            List<String> order = new ArrayList<>();
            api("GET", "/api/v3/flows/bindings/?target=" + flow + "&ordering=order", null, 200).get("results")
                    .forEach(b -> order.add(b.get("order").asInt() + " " + b.get("stage").asString()));
            assertThat(order).containsExactly("0 " + stage("default-source-enrollment-prompt"),
                    "1 " + stage("default-source-enrollment-write"), "2 " + validate, "3 " + login);
            String name = "totp" + COUNTER.incrementAndGet();
            try (FlowClient c = new FlowClient(server.base())) {
                c.current("default-source-enrollment", null);
                JsonNode next = c.answer("default-source-enrollment", null, enrollment(name, STRONG));
                assertThat(next.get("component").asString()).as("%s", next).isEqualTo("ak-stage-authenticator-totp");
                String secret = next.get("config_url").asString().replaceAll(".*secret=([A-Z2-7]+).*", "$1");
                JsonNode done = c.answer("default-source-enrollment", null, Map.of("component", "ak-stage-authenticator-totp",
                        "code", AuthenticatorValidateTest.oathtool("--totp", "-b", secret)));
                assertThat(done.get("component").asString()).as("%s", done).isEqualTo(FlowClient.REDIRECT);
                JsonNode me = JSON.readTree(c.get("/api/v3/core/users/me/").body()).get("user");
                assertThat(me.get("username").asString()).isEqualTo(name);
            }
            JsonNode devices = api("GET", "/api/v3/authenticators/admin/totp/?user__username=" + name, null, 200);
            assertThat(devices.get("results")).hasSize(1);
        } finally {
            server.close();
            server = shared;
        }
    }

    // ---- helpers

    private static String newUser(String password) {
        String name = "person" + COUNTER.incrementAndGet();
        JsonNode u = api("POST", "/api/v3/core/users/", Map.of("username", name, "name", name, "email", name + "@example.org"), 201);
        api("POST", "/api/v3/core/users/" + u.get("pk").asString() + "/set_password/", Map.of("password", password), 204);
        return name;
    }

    private static String invitation(Instant expires, boolean singleUse) {
        String flow = api("GET", "/api/v3/flows/instances/enrollment-invitation/", null, 200).get("pk").asString();
        return api("POST", "/api/v3/stages/invitation/invitations/", Map.of("name", "family-" + COUNTER.incrementAndGet(),
                "expires", expires.toString(), "flow", flow, "single_use", singleUse, "fixed_data", Map.of()), 201)
                .get("pk").asString();
    }

    private static Map<String, Object> identify(JsonNode challenge, String who) {
        assertThat(challenge.get("component").asString()).as("%s", challenge).isEqualTo(FlowClient.IDENTIFICATION);
        return Map.of("component", FlowClient.IDENTIFICATION, "uid_field", who);
    }

    private static Map<String, Object> passwords(JsonNode challenge, String password) {
        assertThat(challenge.get("component").asString()).isEqualTo("ak-stage-prompt");
        return Map.of("component", "ak-stage-prompt", "password", password, "password_repeat", password);
    }

    private static Map<String, Object> enrollment(String name, String password) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("component", "ak-stage-prompt");
        m.put("username", name);
        m.put("name", "Family " + name);
        m.put("email", name + "@example.org");
        m.put("password", password);
        m.put("password_repeat", password);
        return m;
    }

    private static boolean signsIn(String user, String password) {
        try (FlowClient c = new FlowClient(server.base())) {
            JsonNode end = c.run("default-authentication-flow", null, user, password);
            return end.get("component").asString().equals(FlowClient.REDIRECT);
        }
    }

    /** The newest message to {@code to}, waiting up to 10 s for it. */
    private static MimeMessage nextMail(String to) throws Exception {
        long deadline = System.currentTimeMillis() + 10_000;
        while (System.currentTimeMillis() < deadline) {
            MimeMessage[] all = SMTP.getReceivedMessages();
            for (int i = all.length - 1; i >= 0; i--) {
                if (all[i].getAllRecipients()[0].toString().equals(to) && !all[i].isSet(jakarta.mail.Flags.Flag.SEEN)) {
                    all[i].setFlag(jakarta.mail.Flags.Flag.SEEN, true);
                    return all[i];
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no mail to " + to);
    }

    /** The flow link in the message's plain-text part. */
    private static String link(MimeMessage mail) throws Exception {
        Multipart parts = (Multipart) mail.getContent();
        for (int i = 0; i < parts.getCount(); i++) {
            BodyPart part = parts.getBodyPart(i);
            if (part.isMimeType("text/plain")) {
                Matcher m = LINK.matcher(part.getContent().toString());
                assertThat(m.find()).as(part.getContent().toString()).isTrue();
                return m.group(1);
            }
        }
        throw new AssertionError("no text/plain part");
    }

    private static JsonNode withoutFlowInfo(JsonNode challenge) {
        tools.jackson.databind.node.ObjectNode copy = (tools.jackson.databind.node.ObjectNode) challenge.deepCopy();
        copy.remove("flow_info");
        return copy;
    }

    private static JsonNode events(String action) {
        return api("GET", "/api/v3/events/events/?action=" + action, null, 200).get("results");
    }

    private static String stage(String name) {
        JsonNode list = api("GET", "/api/v3/stages/all/?name=" + ApiTestSupport.q(name), null, 200).get("results");
        assertThat(list).as("stage %s", name).hasSize(1);
        return list.get(0).get("pk").asString();
    }

    private static void bind(String flow, String stage, int order) {
        api("POST", "/api/v3/flows/bindings/", Map.of("target", flow, "stage", stage, "order", order), 201);
    }

    private static JsonNode api(String method, String path, Object body, int status) {
        return expect(server.send(method, path, ADMIN, body == null ? null : JSON.writeValueAsString(body)), status);
    }
}
