package dev.gatehouse.stage.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import dev.gatehouse.core.Group;
import dev.gatehouse.core.GroupStore;
import dev.gatehouse.core.User;
import dev.gatehouse.flow.Flow;
import dev.gatehouse.flow.engine.FlowContext;
import dev.gatehouse.flow.engine.FlowExecutor.Step;
import dev.gatehouse.flow.engine.FlowKeys;
import dev.gatehouse.store.Database;
import dev.gatehouse.testing.RecordingMailer;
import dev.gatehouse.testing.TestDatabases;
import dev.gatehouse.web.FlowRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The email stage through the flow runner (as the executor API and the flow pages run it), on H2 and PostgreSQL: a
 * link resumes the same plan in another browser once, an expired or unknown one gets a clear refusal, the address is
 * verified and the user activated, a recovery does not tell a known from an unknown identifier, and a message that
 * cannot be delivered undoes the whole request.
 */
class EmailStageTest {
    private static final String KINDS = "dev.gatehouse.testing.TestDatabases#kinds";
    private static final Map<String, Object> DUMMY = Map.of("component", "ak-stage-dummy");

    private static Step.Show show(FlowRunner.Outcome outcome) {
        assertThat(outcome.step()).as(String.valueOf(outcome.step())).isInstanceOf(Step.Show.class);
        return (Step.Show) outcome.step();
    }

    private static String component(FlowRunner.Outcome outcome) {
        return show(outcome).challenge().component();
    }

    /** Runs a recovery for {@code identifier} in {@code browser} up to the email stage's page. */
    private static FlowRunner.Outcome askRecovery(EmailFlows fx, EmailFlows.Browser browser, Flow flow, String identifier) {
        assertThat(component(browser.show(flow, null))).isEqualTo("ak-stage-identification");
        assertThat(browser.answer(flow, Map.of("component", "ak-stage-identification", "uid_field", identifier))
                .accepted()).isTrue();
        return browser.show(flow, null);
    }

    @ParameterizedTest
    @MethodSource(KINDS)
    void linkOpenedInAnotherBrowserResumesThePlanOnceAndVerifiesTheAddress(String kind) {
        try (Database db = TestDatabases.open(kind)) {
            EmailFlows fx = new EmailFlows(db, null);
            User alice = fx.user("alice", "alice@example.org", true);
            Flow flow = fx.recovery(Map.of("subject", "Authentik password recovery"));
            EmailFlows.Browser asked = fx.browser();

            FlowRunner.Outcome waiting = askRecovery(fx, asked, flow, "alice@example.org");
            assertThat(component(waiting)).isEqualTo(EmailChallenge.COMPONENT);
            assertThat(fx.mailer.sent()).hasSize(1);
            RecordingMailer.Sent sent = fx.mailer.sent().getFirst();
            assertThat(sent.queued()).as("a recovery never waits on SMTP").isTrue();
            assertThat(sent.mail().to()).isEqualTo("alice@example.org");
            assertThat(sent.mail().subject()).isEqualTo("Authentik password recovery");
            assertThat(sent.mail().html()).contains("Reset your password").contains(EmailFlows.link(sent));
            String link = EmailFlows.link(sent);
            assertThat(link).startsWith(EmailFlows.BASE + "/if/flow/recovery/?flow_token=");

            EmailFlows.Browser other = fx.browser();
            FlowRunner.Outcome opened = other.show(flow, EmailFlows.query(link));
            assertThat(opened.accepted()).as("the page goes on without the token").isTrue();
            assertThat(component(other.show(flow, null))).as("the next stage, in the other browser")
                    .isEqualTo("ak-stage-dummy");
            assertThat(fx.byUsername("alice").orElseThrow().attributes())
                    .containsEntry(EmailStageView.VERIFIED, true);
            assertThat(other.answer(flow, DUMMY).step()).isInstanceOf(Step.Done.class);
            assertThat(alice.attributes()).doesNotContainKey(EmailStageView.VERIFIED);

            FlowRunner.Outcome again = fx.browser().show(flow, EmailFlows.query(link));
            assertThat(again.status()).isEqualTo(410);
            assertThat(again.step()).isEqualTo(new Step.Denied(FlowRunner.LINK_INVALID));
            assertThat(FlowRunner.LINK_INVALID).isEqualTo("This link is invalid, expired or was already used.");
            assertThat(component(asked.show(flow, null))).as("the first browser still waits")
                    .isEqualTo(EmailChallenge.COMPONENT);
        }
    }

    @ParameterizedTest
    @MethodSource(KINDS)
    void expiredUnknownOrReplacedLinksAreRefusedWithAClearPage(String kind) {
        try (Database db = TestDatabases.open(kind)) {
            EmailFlows fx = new EmailFlows(db, null);
            fx.user("bob", "bob@example.org", true);
            Flow flow = fx.recovery(Map.of("token_expiry", "minutes=5"));
            EmailFlows.Browser asked = fx.browser();
            askRecovery(fx, asked, flow, "bob");
            String first = EmailFlows.link(fx.mailer.sent().getFirst());

            FlowRunner.Outcome resent = asked.answer(flow, Map.of("component", EmailChallenge.COMPONENT));
            assertThat(resent.accepted()).isTrue();
            assertThat(component(asked.show(flow, null))).isEqualTo(EmailChallenge.COMPONENT);
            assertThat(fx.mailer.sent()).hasSize(2);
            String second = EmailFlows.link(fx.mailer.sent().get(1));
            assertThat(second).isNotEqualTo(first);
            assertThat(fx.browser().show(flow, EmailFlows.query(first)).status())
                    .as("a new link replaces the previous one").isEqualTo(410);

            assertThat(fx.browser().show(flow, "flow_token=" + "x".repeat(43)).status()).isEqualTo(410);
            assertThat(fx.browser().show(flow, "flow_token=").step()).as("an empty token is no link")
                    .isInstanceOf(Step.Show.class);

            fx.clock.advance(Duration.ofMinutes(6));
            FlowRunner.Outcome expired = fx.browser().show(flow, EmailFlows.query(second));
            assertThat(expired.status()).isEqualTo(410);
            assertThat(expired.step()).isInstanceOf(Step.Denied.class);
        }
    }

    @ParameterizedTest
    @MethodSource(KINDS)
    void recoveryForAnUnknownIdentifierShowsTheSamePageAndSendsNothing(String kind) {
        try (Database db = TestDatabases.open(kind)) {
            EmailFlows fx = new EmailFlows(db, null);
            fx.user("carol", "carol@example.org", true);
            fx.user("nomail", "", true);
            Flow flow = fx.recovery(Map.of());

            FlowRunner.Outcome known = askRecovery(fx, fx.browser(), flow, "carol");
            FlowRunner.Outcome unknown = askRecovery(fx, fx.browser(), flow, "nobody@example.org");
            FlowRunner.Outcome noAddress = askRecovery(fx, fx.browser(), flow, "nomail");

            assertThat(show(unknown).challenge()).isEqualTo(show(known).challenge());
            assertThat(show(noAddress).challenge()).isEqualTo(show(known).challenge());
            assertThat(show(unknown).errors()).isEqualTo(show(known).errors()).isEmpty();
            assertThat(unknown.status()).isEqualTo(known.status());
            assertThat(fx.mailer.sent()).extracting(s -> s.mail().to()).containsExactly("carol@example.org");
        }
    }

    /** Seed 004's invitation enrollment, with a dummy page in place of the prompt: write, email, login. */
    private static Flow enrollment(EmailFlows fx, Group group, String template) {
        return fx.flow("enrollment-invitation", "enrollment", List.of(
                Map.entry("dummy", Map.of()),
                Map.entry("user_write", Map.of("user_creation_mode", "create_when_required",
                        "create_users_as_inactive", true, "create_users_group", group.pk().toString(),
                        "user_type", "internal")),
                Map.entry("email", Map.of("subject", "Account Confirmation",
                        "template", template, "activate_user_on_success", true)),
                Map.entry("user_login", Map.of())));
    }

    private static FlowContext prompted(String username) {
        FlowContext context = new FlowContext();
        context.put(FlowKeys.PROMPT_DATA, Map.of("username", username, "name", "New Member",
                "email", username + "@example.org", "password", "a-long-password-1234"));
        return context;
    }

    private static int count(Database db, String table, String column, Object value) {
        return db.dsl().fetchCount(table(name(table)), field(name(column)).eq(value));
    }

    @ParameterizedTest
    @MethodSource(KINDS)
    void deliveryFailureUndoesTheWholeRequestAndARetryAfterSmtpRecoversWorks(String kind) {
        try (Database db = TestDatabases.open(kind)) {
            EmailFlows fx = new EmailFlows(db, null);
            Group group = new GroupStore(db.dsl()).insert("authentik Users", false, Map.of());
            Flow flow = enrollment(fx, group, "email/account_confirmation.html");
            EmailFlows.Browser browser = fx.browser();
            assertThat(component(browser.start(flow, prompted("newbie")))).isEqualTo("ak-stage-dummy");
            int events = db.dsl().fetchCount(table(name("events_event")));

            fx.mailer.failWith("connection refused by localhost:2525");
            FlowRunner.Outcome failed = browser.answer(flow, DUMMY);
            assertThat(failed.accepted()).isFalse();
            assertThat(component(failed)).as("the previous page, again").isEqualTo("ak-stage-dummy");
            assertThat(show(failed).errors()).containsEntry("non_field_errors",
                    List.of("Could not send the email, try again later."));
            assertThat(fx.byUsername("newbie")).as("no half-created user").isEmpty();
            assertThat(new GroupStore(db.dsl()).members(group.pk())).isEmpty();
            assertThat(db.dsl().fetchCount(table(name("events_event")))).as("no event of the undone request")
                    .isEqualTo(events);
            assertThat(count(db, "flows_plan_state", "flow_id", flow.pk())).as("only the browser's plan, nothing parked")
                    .isEqualTo(1);
            assertThat(fx.mailer.failures()).containsExactly("newbie@example.org: connection refused by localhost:2525");
            assertThat(component(browser.show(flow, null))).isEqualTo("ak-stage-dummy");

            fx.mailer.failWith(null);
            assertThat(browser.answer(flow, DUMMY).accepted()).isTrue();
            assertThat(component(browser.show(flow, null))).isEqualTo(EmailChallenge.COMPONENT);
            User created = fx.byUsername("newbie").orElseThrow();
            assertThat(created.isActive()).isFalse();
            assertThat(new GroupStore(db.dsl()).members(group.pk())).containsExactly(created.pk());
            RecordingMailer.Sent sent = fx.mailer.sent().getFirst();
            assertThat(sent.queued()).as("an enrollment waits for the delivery").isFalse();
            assertThat(sent.mail().subject()).isEqualTo("Account Confirmation");
            assertThat(sent.mail().text()).contains("Confirm the email address").contains("newbie");

            EmailFlows.Browser phone = fx.browser();
            assertThat(phone.show(flow, EmailFlows.query(EmailFlows.link(sent))).accepted()).isTrue();
            User confirmed = fx.byUsername("newbie").orElseThrow();
            assertThat(confirmed.isActive()).as("activate_user_on_success").isTrue();
            assertThat(confirmed.attributes()).containsEntry(EmailStageView.VERIFIED, true);
            assertThat(phone.signedIn()).as("the flow went on to user_login in the browser that opened the link")
                    .isTrue();
        }
    }

    @ParameterizedTest
    @MethodSource(KINDS)
    void customTemplateFromTheTemplatesDirectoryIsFilledEscaped(String kind) throws Exception {
        Path templates = Files.createTempDirectory("gatehouse-templates");
        Files.createDirectories(templates.resolve("family"));
        Files.writeString(templates.resolve("family/welcome.html"),
                "<p>Hi {{ user.name }}, open <a href=\"{{ url }}\">this</a> before {{ expires }}. {{ secret_key }}</p>");
        try (Database db = TestDatabases.open(kind)) {
            EmailFlows fx = new EmailFlows(db, templates);
            fx.user("dave", "dave@example.org", true);
            db.dsl().update(table(name("core_user"))).set(field(name("name")), "<Dave & Co>")
                    .where(field(name("username")).eq("dave")).execute();
            Flow flow = fx.recovery(Map.of("template", "family/welcome.html"));
            askRecovery(fx, fx.browser(), flow, "dave");

            RecordingMailer.Sent sent = fx.mailer.sent().getFirst();
            assertThat(sent.mail().html()).startsWith("<p>Hi &lt;Dave &amp; Co&gt;, open <a href=\"http://gh.test/")
                    .doesNotContain("secret_key").doesNotContain("{{");
            assertThat(sent.mail().text()).contains("Hi <Dave & Co>, open this before").contains(" UTC");
        }
    }

    @ParameterizedTest
    @MethodSource(KINDS)
    void missingCustomTemplateUndoesTheRequestAndRecordsAConfigurationError(String kind) throws Exception {
        Path templates = Files.createTempDirectory("gatehouse-templates");
        try (Database db = TestDatabases.open(kind)) {
            EmailFlows fx = new EmailFlows(db, templates);
            Group group = new GroupStore(db.dsl()).insert("authentik Users", false, Map.of());
            Flow flow = enrollment(fx, group, "family/missing.html");
            EmailFlows.Browser browser = fx.browser();
            browser.start(flow, prompted("erin"));

            FlowRunner.Outcome failed = browser.answer(flow, DUMMY);
            assertThat(show(failed).errors()).containsEntry("non_field_errors",
                    List.of("Could not send the email, try again later."));
            assertThat(fx.byUsername("erin")).isEmpty();
            assertThat(fx.mailer.sent()).isEmpty();
            assertThat(count(db, "events_event", "action", "configuration_error")).isEqualTo(1);
        }
    }

    @org.junit.jupiter.api.Test
    void templateNamesAreTheBuiltInOnesOrRelativePathsInTheTemplatesDirectory() {
        assertThat(EmailTemplates.problem("email/password_reset.html")).isNull();
        assertThat(EmailTemplates.problem("email/account_confirmation.html")).isNull();
        assertThat(EmailTemplates.problem("family/welcome.html")).isNull();
        assertThat(EmailTemplates.problem("plain.txt")).isNull();
        for (String bad : List.of("../etc/passwd.html", "/etc/x.html", "a/../../b.html", "x.jte", "", "a//b.html")) {
            assertThat(EmailTemplates.problem(bad)).as(bad).isNotNull();
        }
    }
}
