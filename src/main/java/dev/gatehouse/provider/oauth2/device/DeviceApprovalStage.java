package dev.gatehouse.provider.oauth2.device;

import dev.gatehouse.core.Application;
import dev.gatehouse.core.User;
import dev.gatehouse.flow.engine.Challenge;
import dev.gatehouse.flow.engine.NoAnswer;
import dev.gatehouse.flow.engine.StagePage;
import dev.gatehouse.flow.engine.PlannedStage;
import dev.gatehouse.flow.engine.StageResult;
import dev.gatehouse.flow.engine.StageRun;
import dev.gatehouse.flow.engine.StageView;
import dev.gatehouse.provider.oauth2.authorize.AuthorizeApplicationEvent;
import dev.gatehouse.session.AuthenticatedSession;
import dev.gatehouse.store.Database;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jooq.DSLContext;

/**
 * The last stage of a device authorization (authentik's {@code OAuthDeviceCodeFinishStage}): appended in memory
 * to the provider's authorization flow, so it runs only after every stage of that flow (consent, policies) has
 * passed, and only for the user who entered the code. It approves the request for that user with the session's
 * facts (auth_time, amr, sid), writes {@code authorize_application} in the same transaction, and tells the user
 * to go back to the device ({@code ak-provider-oauth2-device-code-finish}). When an earlier stage denies the plan
 * (the user declines consent), the request is denied, and the polling device gets {@code access_denied}.
 */
public final class DeviceApprovalStage implements StageView<NoAnswer> {
    public static final String FINISH = DeviceCodeFinishChallenge.COMPONENT;
    static final List<StagePage> PAGES = List.of(StagePage.of(FINISH, DeviceCodeFinishChallenge.class, NoAnswer.class,
            "devicecodefinish.jte"));
    private final Database db;
    private final Clock clock;
    private final DeviceAuthorization device;
    private final Application application;
    private final User user;
    private final AuthenticatedSession session;
    /** The in-memory stage kind ({@link DeviceStageKinds}). */
    static final String KIND = "oauth2_device_code_finish";
    private boolean approved;

    DeviceApprovalStage(Database db, Clock clock, DeviceAuthorization device, Application application, User user,
                        AuthenticatedSession session) {
        this(db, clock, device, application, user, session, false);
    }

    DeviceApprovalStage(Database db, Clock clock, DeviceAuthorization device, Application application, User user,
                        AuthenticatedSession session, boolean approved) {
        this.approved = approved;
        this.db = db;
        this.clock = clock;
        this.device = device;
        this.application = application;
        this.user = user;
        this.session = session;
    }

    /** This stage as the last step of a plan. */
    public PlannedStage planned() {
        return PlannedStage.inMemory("OAuth2 Device code finish", KIND, Map.of(), this);
    }

    DeviceAuthorization device() {
        return device;
    }

    Application application() {
        return application;
    }

    User user() {
        return user;
    }

    AuthenticatedSession session() {
        return session;
    }

    synchronized boolean approved() {
        return approved;
    }

    @Override
    public synchronized Optional<Challenge> challenge(StageRun run) {
        if (!forThisUser(run) || !approveOnce(run)) {
            return Optional.empty(); // submit() ends the flow with the reason
        }
        return Optional.of(new DeviceCodeFinishChallenge(application.name(),
                "Your device is now signed in to " + application.name() + ". You can close this page and continue "
                        + "on the device."));
    }

    @Override
    public List<StagePage> pages() {
        return PAGES;
    }

    @Override
    public synchronized StageResult submit(StageRun run, NoAnswer answer) {
        if (!forThisUser(run)) {
            return new StageResult.Deny("This device sign-in was started by another user. Enter the code again.");
        }
        if (!approveOnce(run)) {
            return new StageResult.Deny("This code has expired or has already been used. Start the sign-in on your "
                    + "device again to get a new code.");
        }
        return StageResult.CONTINUE;
    }

    @Override
    public synchronized void planDenied(StageRun run) {
        if (forThisUser(run) && !approved) {
            db.txRun(dsl -> new OAuth2DeviceStore(dsl).deny(device.deviceCodeHash(), user.pk()));
        }
    }

    /** The user signed in on this request is the one the authorization is for. */
    private boolean forThisUser(StageRun run) {
        User current = run.request().user();
        return current != null && current.pk() == user.pk();
    }

    private boolean approveOnce(StageRun run) {
        if (!approved) {
            approved = db.tx(dsl -> {
                if (!new OAuth2DeviceStore(dsl).approve(device.deviceCodeHash(), user.pk(), session.created(), session.keyHash(),
                        session.amr(), clock.instant())) {
                    return false;
                }
                AuthorizeApplicationEvent.record(dsl, user, run.request().clientIp(), application, device.scope(),
                        run.plan().flow().pk());
                return true;
            });
        }
        return approved;
    }
}
