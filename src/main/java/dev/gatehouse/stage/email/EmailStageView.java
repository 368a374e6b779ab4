package dev.gatehouse.stage.email;

import dev.gatehouse.config.EmailSettings;
import dev.gatehouse.core.Actor;
import dev.gatehouse.core.BrandStore;
import dev.gatehouse.core.EventLog;
import dev.gatehouse.core.User;
import dev.gatehouse.core.UserChanges;
import dev.gatehouse.crypto.Secrets;
import dev.gatehouse.flow.engine.Challenge;
import dev.gatehouse.flow.engine.ContextKey;
import dev.gatehouse.flow.engine.FlowKeys;
import dev.gatehouse.flow.engine.FlowPlans;
import dev.gatehouse.flow.engine.FlowRollback;
import dev.gatehouse.flow.engine.NoAnswer;
import dev.gatehouse.flow.engine.StagePage;
import dev.gatehouse.flow.engine.StageResult;
import dev.gatehouse.flow.engine.StageRun;
import dev.gatehouse.flow.engine.StageView;
import dev.gatehouse.mail.Delivery;
import dev.gatehouse.mail.Mailer;
import dev.gatehouse.mail.OutgoingMail;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Sends the pending user a link with a single-use token and waits, showing {@code ak-stage-email}, until a browser
 * opens it: the plan, as it stands at this stage, is parked under the token ({@link FlowPlans#park}); the link
 * resumes it in any browser ({@link FlowKeys#IS_RESTORED}), and the stage then completes: the address counts as
 * verified (the user's {@value #VERIFIED} attribute), the user is activated if the stage says so, and the flow goes
 * on. An answer to the page sends a new link (the previous one stops working).
 * <p>In a recovery flow the message is {@linkplain Mailer#queue queued} and the page is the same whether or not the
 * identifier named a user with an address (the identification stage does not tell): for nobody, the same work is
 * done (a token minted, the plan sealed, the message rendered) and nothing is written or sent. In any other flow the
 * message is delivered while the request waits (at most the SMTP timeout); when that fails, the whole request is
 * undone ({@link FlowRollback}): the user a user_write stage created a moment earlier, its groups and events, and
 * the step, and the previous page says {@value #NOT_SENT}.
 */
public final class EmailStageView implements StageView<NoAnswer> {
    /** The user attribute that says the email address was verified by a link of this stage. */
    public static final String VERIFIED = "email_verified";
    static final String NOT_SENT = "Could not send the email, try again later.";
    static final String NO_USER = "No pending user.";
    static final String NO_BROWSER = "This flow sends a link to open in a browser; it cannot run here.";
    private static final String RECOVERY = "recovery";
    private static final ContextKey<Boolean> SENT = new ContextKey<>("email_sent", Boolean.class);
    /** The row key of the plan parked for the latest link (a hash, never the token). */
    private static final ContextKey<String> PARKED = ContextKey.secret("email_parked", String.class);
    private static final DateTimeFormatter EXPIRES = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    @Override
    public Optional<Challenge> challenge(StageRun run) {
        if (restored(run) || run.request().baseUrl() == null || recipient(run).isEmpty() && !recovery(run)) {
            return Optional.empty(); // submit completes, or ends the flow
        }
        if (!run.context().get(SENT).orElse(false)) {
            send(run);
            run.context().put(SENT, true);
        }
        return Optional.of(new EmailChallenge());
    }

    @Override
    public StageResult submit(StageRun run, NoAnswer response) {
        if (restored(run)) {
            return complete(run);
        }
        if (run.request().baseUrl() == null) {
            return new StageResult.Deny(NO_BROWSER);
        }
        if (recipient(run).isEmpty() && !recovery(run)) {
            return new StageResult.Deny(NO_USER);
        }
        send(run);
        run.context().put(SENT, true);
        return StageResult.AGAIN;
    }

    @Override
    public List<StagePage> pages() {
        return List.of(StagePage.of(EmailChallenge.COMPONENT, EmailChallenge.class, NoAnswer.class, "email.jte"));
    }

    /** The link was opened: the address is verified, the user activated if asked, and the flow goes on. */
    private StageResult complete(StageRun run) {
        run.context().remove(FlowKeys.IS_RESTORED);
        run.context().remove(SENT);
        run.context().remove(PARKED);
        Optional<User> user = run.context().get(FlowKeys.PENDING_USER);
        if (user.isEmpty()) {
            return new StageResult.Deny(NO_USER);
        }
        EmailStageType.Config config = run.config(EmailStageType.Config.DEFINITION);
        Map<String, Object> attributes = new LinkedHashMap<>(user.get().attributes());
        attributes.put(VERIFIED, true);
        User updated = run.services().users().update(new Actor(user.get(), run.request().clientIp(),
                        run.request().session()), user.get().pk(),
                new UserChanges(null, null, null, config.activateUserOnSuccess() ? Boolean.TRUE : null, null, null,
                        attributes, null, null));
        run.context().put(FlowKeys.PENDING_USER, updated);
        return StageResult.CONTINUE;
    }

    /**
     * Mints a link, parks the plan under it (replacing the previous link) and sends it; for a recovery with nobody to
     * send to, does the same work without writing or sending anything.
     */
    private void send(StageRun run) {
        EmailStageType.Config config = run.config(EmailStageType.Config.DEFINITION);
        Optional<User> user = recipient(run);
        FlowPlans plans = run.services().plans();
        String token = Secrets.randomKey(43);
        FlowPlans.Parked parked = user.isPresent() ? plans.park(token, run.plan(), config.linkLifetime())
                : plans.parkNothing(token, run.plan(), config.linkLifetime());
        run.context().get(PARKED).ifPresent(plans::unpark);
        run.context().put(PARKED, parked.key());
        String url = run.request().baseUrl() + "/if/flow/" + run.plan().flow().slug() + "/?flow_token="
                + URLEncoder.encode(token, StandardCharsets.UTF_8);
        EmailContent content = new EmailContent(new BrandStore(run.services().db().dsl()).defaultTitle(), url,
                user.map(User::name).orElse(""), user.map(User::username).orElse(""),
                user.map(User::email).orElse(""), EXPIRES.format(parked.expires()));
        Mailer mailer = run.services().mailer();
        EmailSettings smtp = config.smtp(run.services().email());
        OutgoingMail mail;
        try {
            mail = EmailTemplates.render(config.template(), run.services().emailTemplates(),
                    user.map(User::email).orElse(""), config.subject(), content);
        } catch (EmailTemplates.Unusable unusable) {
            throw new FlowRollback(NOT_SENT, () -> run.services().db().txRun(dsl -> EventLog.record(dsl,
                    "configuration_error", actor(run), new LinkedHashMap<>(Map.of("message",
                            "The email stage \"" + run.stage().name() + "\" cannot render its template: "
                                    + unusable.getMessage(), "template", config.template())))));
        }
        if (recovery(run)) {
            if (user.isPresent()) {
                mailer.queue(mail, smtp);
            }
            return;
        }
        if (mailer.deliverNow(mail, smtp) instanceof Delivery.Failed failed) {
            throw new FlowRollback(NOT_SENT, () -> mailer.recordFailure(mail, failed.reason()));
        }
    }

    /** The pending user, when it has an address to send to. */
    private static Optional<User> recipient(StageRun run) {
        return run.context().get(FlowKeys.PENDING_USER).filter(u -> u.email() != null && !u.email().isBlank());
    }

    private static boolean restored(StageRun run) {
        return run.context().get(FlowKeys.IS_RESTORED).orElse(false);
    }

    private static boolean recovery(StageRun run) {
        return RECOVERY.equals(run.plan().flow().designation());
    }

    private static Actor actor(StageRun run) {
        return new Actor(run.request().user(), run.request().clientIp(), run.request().session());
    }
}
