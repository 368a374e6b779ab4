package dev.gatehouse.stage.email;

import dev.gatehouse.bootstrap.Bootstrap;
import dev.gatehouse.core.RequestOrigin;
import dev.gatehouse.core.User;
import dev.gatehouse.core.UserService;
import dev.gatehouse.core.UserStore;
import dev.gatehouse.core.UserType;
import dev.gatehouse.crypto.PasswordHasher;
import dev.gatehouse.crypto.certificatekeypairs.PrivateKeyCipher;
import dev.gatehouse.flow.Flow;
import dev.gatehouse.flow.FlowBindingStore;
import dev.gatehouse.flow.FlowStageBinding;
import dev.gatehouse.flow.FlowStore;
import dev.gatehouse.flow.Stage;
import dev.gatehouse.flow.StageStore;
import dev.gatehouse.flow.engine.FlowContext;
import dev.gatehouse.flow.engine.FlowExecutor;
import dev.gatehouse.flow.engine.FlowPlanner;
import dev.gatehouse.flow.engine.FlowPlans;
import dev.gatehouse.flow.engine.FlowServices;
import dev.gatehouse.policy.engine.PolicyEngine;
import dev.gatehouse.session.SessionService;
import dev.gatehouse.signout.StoredSignIns;
import dev.gatehouse.store.Database;
import dev.gatehouse.testing.RecordingMailer;
import dev.gatehouse.throttle.LoginThrottle;
import dev.gatehouse.web.ClientIp;
import dev.gatehouse.web.FlowRunner;
import dev.gatehouse.web.RequestOrigins;
import dev.gatehouse.web.SessionCookies;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A database with flows that use the email stage, the flow runner over it (as the executor API and the flow pages
 * use it) with a {@link RecordingMailer}, a clock the test moves, and browsers, each with its own cookies.
 */
final class EmailFlows {
    static final String SECRET = "email-stage-test-secret";
    static final String BASE = "http://gh.test";
    private static final Pattern LINK = Pattern.compile("(https?://[^/\\s]+/if/flow/[a-z0-9-]+/\\?flow_token=[A-Za-z0-9]+)");
    final Database db;
    final RecordingMailer mailer = new RecordingMailer();
    final MovableClock clock = new MovableClock();
    final FlowRunner runner;
    final UserService users;
    final FlowPlans plans;
    final RequestOrigins origins = new RequestOrigins(new ClientIp(List.of()), Optional.empty());
    final SessionService sessions;

    EmailFlows(Database db, Path templates) {
        this.db = db;
        PasswordHasher hasher = new PasswordHasher();
        new Bootstrap(db, hasher, new PrivateKeyCipher(SECRET)).run(Optional.empty(), Optional.empty(), Optional.empty());
        PolicyEngine policies = new PolicyEngine(db);
        FlowPlanner planner = new FlowPlanner(db, policies);
        this.users = new UserService(db, hasher, new StoredSignIns());
        this.plans = new FlowPlans(db, SECRET, new dev.gatehouse.flow.engine.InMemoryStages(), clock);
        FlowExecutor executor = new FlowExecutor(planner, new FlowServices(db, users, new LoginThrottle(), policies,
                FlowServices.deviceSecrets(SECRET), plans, mailer, RecordingMailer.SETTINGS, templates));
        this.sessions = new SessionService(db, SECRET);
        this.runner = new FlowRunner(db, planner, executor, plans, sessions, new SessionCookies(Optional.empty(), origins),
                SECRET);
    }

    /** A flow of {@code designation} with these stages (type → config), bound at 10, 20, 30 … */
    Flow flow(String slug, String designation, List<Map.Entry<String, Map<String, Object>>> stages) {
        Flow f = new Flow(UUID.randomUUID(), slug, slug, slug, designation, "none", "message_continue", "stacked",
                "any", false, "", Instant.now());
        new FlowStore(db.dsl()).insert(f);
        int order = 10;
        for (Map.Entry<String, Map<String, Object>> s : stages) {
            Stage stage = new StageStore(db.dsl()).insert(slug + "-" + s.getKey() + "-" + order, s.getKey(), s.getValue());
            new FlowBindingStore(db.dsl()).insert(new FlowStageBinding(UUID.randomUUID(), f.pk(), stage.pk(), order,
                    false, false, "retry", "any"));
            order += 10;
        }
        return f;
    }

    /** authentik's recovery example: identification, the email stage, then a stand-in for the new-password prompt. */
    Flow recovery(Map<String, Object> emailConfig) {
        return flow("recovery", "recovery", List.of(
                Map.entry("identification", Map.of("user_fields", List.of("username", "email"))),
                Map.entry("email", emailConfig),
                Map.entry("dummy", Map.of())));
    }

    User user(String username, String email, boolean active) {
        return new UserStore(db.dsl()).insert(username, username.toUpperCase(), email, "", active, UserType.INTERNAL,
                "users", Map.of());
    }

    Optional<User> byUsername(String username) {
        return new UserStore(db.dsl()).byUsername(username);
    }

    /** The link in a message. */
    static String link(RecordingMailer.Sent sent) {
        Matcher m = LINK.matcher(sent.mail().text());
        if (!m.find()) {
            throw new AssertionError("no link in " + sent.mail().text());
        }
        return m.group(1);
    }

    /** The query of a link ({@code flow_token=…}). */
    static String query(String link) {
        return link.substring(link.indexOf('?') + 1);
    }

    Browser browser() {
        return new Browser();
    }

    /** One browser: its cookies, and the flow runner called as a page of {@code slug} would call it. */
    final class Browser {
        private final Map<String, String> cookies = new LinkedHashMap<>();

        FlowRunner.Outcome show(Flow flow, String query) {
            return absorb(runner.show(flow, call(flow, query)));
        }

        FlowRunner.Outcome answer(Flow flow, Map<String, Object> answer) {
            return absorb(runner.answer(flow, call(flow, null), new LinkedHashMap<>(answer)));
        }

        FlowRunner.Outcome start(Flow flow, FlowContext context) {
            return absorb(runner.start(flow, call(flow, null), context, List.of()));
        }

        private FlowRunner.Call call(Flow flow, String query) {
            String header = cookies.isEmpty() ? null : String.join("; ", cookies.entrySet().stream()
                    .map(e -> e.getKey() + "=" + e.getValue()).toList());
            return new FlowRunner.Call(header, new RequestOrigin("http", "gh.test", BASE, "192.0.2.10"), "JUnit",
                    "/if/flow/" + flow.slug() + "/", query);
        }

        private FlowRunner.Outcome absorb(FlowRunner.Outcome outcome) {
            for (String c : outcome.setCookies()) {
                String pair = c.split(";", 2)[0];
                int eq = pair.indexOf('=');
                String value = pair.substring(eq + 1);
                if (value.isEmpty() || c.contains("Max-Age=0")) {
                    cookies.remove(pair.substring(0, eq));
                } else {
                    cookies.put(pair.substring(0, eq), value);
                }
            }
            return outcome;
        }

        boolean signedIn() {
            return cookies.containsKey(SessionCookies.SESSION);
        }
    }

    /** A clock the test moves forward. */
    static final class MovableClock extends Clock {
        private volatile Instant now = Instant.now();

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
