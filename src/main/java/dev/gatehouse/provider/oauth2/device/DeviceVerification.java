package dev.gatehouse.provider.oauth2.device;

import dev.gatehouse.core.Application;
import dev.gatehouse.core.ApplicationStore;
import dev.gatehouse.core.BrandStore;
import dev.gatehouse.core.User;
import dev.gatehouse.crypto.Secrets;
import dev.gatehouse.flow.Flow;
import dev.gatehouse.flow.FlowStore;
import dev.gatehouse.flow.engine.PlannedStage;
import dev.gatehouse.policy.engine.ApplicationAccess;
import dev.gatehouse.policy.PolicyRequest;
import dev.gatehouse.provider.oauth2.OAuth2Provider;
import dev.gatehouse.provider.oauth2.OAuth2ProviderStore;
import dev.gatehouse.provider.oauth2.authorize.AuthorizationFlow;
import dev.gatehouse.provider.oauth2.authorize.GrantedScopes;
import dev.gatehouse.provider.oauth2.Scopes;
import dev.gatehouse.provider.oauth2.scope.ScopeMappingStore;
import dev.gatehouse.session.AuthenticatedSession;
import dev.gatehouse.store.Database;
import dev.gatehouse.throttle.LoginThrottle;
import io.github.bucket4j.TimeMeter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;

/**
 * The verification page's decisions (RFC 8628 §3.3), free of HTTP. A signed-in user enters (or confirms) a
 * user code: it is checked ({@link #check}: shape, throttle, known, unexpired, still undecided), then the
 * authorization runs as at the authorization endpoint ({@link #authorize}: the application's policy bindings,
 * then the provider's authorization flow with {@link DeviceApprovalStage} appended). Wrong codes are throttled
 * per user and per address (RFC 8628 §5.1: brute force of the short code). When the brand names a device-code
 * flow, the code is entered in that flow ({@link #entryStage}) and the flow leads back to the page with a
 * {@link #confirmedLocation confirmation} bound to the user, so the code is not asked for twice.
 */
public final class DeviceVerification {
    /** The pages of the device sign-in's in-memory stages: the code entry and the finish. */
    public static final java.util.List<dev.gatehouse.flow.engine.StagePage> PAGES = java.util.stream.Stream.concat(
            DeviceCodeEntryStage.PAGES.stream(), DeviceApprovalStage.PAGES.stream()).toList();

    public static final String PATH = "/device";
    public static final String CODE = "code";
    public static final String CONFIRM = "confirm";
    /** A user may enter 5 wrong codes in a row, then one more a minute; an address 20, then one every 15 s. */
    static final LoginThrottle.Limits PER_USER = new LoginThrottle.Limits(5, Duration.ofMinutes(1));
    static final LoginThrottle.Limits PER_IP = new LoginThrottle.Limits(20, Duration.ofSeconds(15));
    static final Duration CONFIRMATION_VALIDITY = Duration.ofMinutes(5);
    private final Database db;
    private final AuthorizationFlow flow;
    private final LoginThrottle throttle;
    private final byte[] confirmKey;
    private final Clock clock;

    public DeviceVerification(Database db, ApplicationAccess access, String secretKey, Clock clock) {
        this.db = db;
        this.flow = new AuthorizationFlow(db, access);
        this.throttle = new LoginThrottle(PER_USER, PER_IP, TimeMeter.SYSTEM_NANOTIME);
        this.confirmKey = Secrets.sha256(("gatehouse.device-confirm|" + secretKey).getBytes(StandardCharsets.UTF_8));
        this.clock = clock;
    }

    /** An entered code, checked. */
    public sealed interface Checked {
        /** A pending request the user may decide; {@code userCode} normalised. */
        record Usable(DeviceAuthorization device, OAuth2Provider provider, Application application, String userCode)
                implements Checked {
        }

        /** Not usable, with the HTTP status and what to tell the user. */
        record Refused(int status, String message) implements Checked {
        }
    }

    public Checked check(String entered, User user, String clientIp) {
        Optional<String> code = UserCodes.normalize(entered);
        if (code.isEmpty()) {
            return new Checked.Refused(400, "Enter the 8-letter code your device shows (like BCDF-GHJK).");
        }
        String throttleKey = "device-code:" + user.pk();
        if (!throttle.allows(throttleKey, clientIp)) {
            return new Checked.Refused(429, "Too many wrong codes. Wait a minute, then try again.");
        }
        DSLContext dsl = db.dsl();
        Optional<DeviceAuthorization> found = new OAuth2DeviceStore(dsl).byUserCodeHash(UserCodes.hash(code.get()));
        Optional<OAuth2Provider> provider = found.flatMap(d -> new OAuth2ProviderStore(dsl).byPk(d.provider()));
        Optional<Application> application = provider.flatMap(p -> new ApplicationStore(dsl).byProvider(p.pk()));
        String problem;
        if (found.isEmpty() || application.isEmpty()) {
            problem = "This code is not valid. Check the code your device shows and try again.";
        } else if (found.get().expired(clock.instant())) {
            problem = "This code has expired. Start the sign-in on your device again to get a new code.";
        } else if (found.get().status() != DeviceAuthorization.Status.PENDING) {
            problem = "This code has already been used. Start the sign-in on your device again to get a new code.";
        } else {
            return new Checked.Usable(found.get(), provider.get(), application.get(), code.get());
        }
        throttle.failed(throttleKey, clientIp);
        return new Checked.Refused(400, problem);
    }

    /**
     * The authorization flow to run for a usable code, as at the authorization endpoint: the approval is
     * appended, so it happens only after the flow's consent and policies have passed.
     */
    public AuthorizationFlow.Prepared authorize(Checked.Usable usable, User user, AuthenticatedSession session,
                                                String clientIp, PolicyRequest.Http http) {
        List<String> scopes = List.copyOf(Scopes.parse(usable.device().scope()));
        GrantedScopes granted = GrantedScopes.of(
                new ScopeMappingStore(db.dsl()).byPks(usable.provider().propertyMappings()), scopes);
        DeviceApprovalStage approval = new DeviceApprovalStage(db, clock, usable.device(), usable.application(), user,
                session);
        return flow.prepare(usable.provider(), usable.application(), granted.permissions(), user, clientIp, http, false,
                approval.planned());
    }

    /** How the in-memory stages of the device flow (code entry, approval) are stored with their plan. */
    public List<dev.gatehouse.flow.engine.InMemoryStages.Kind> stageKinds() {
        return DeviceStageKinds.of(db, clock, this);
    }

    /** The brand's device-code flow (authentik's {@code flow_device_code}), if it names one. */
    public Optional<Flow> brandFlow(String host) {
        DSLContext dsl = db.dsl();
        return new BrandStore(dsl).forHost(host).map(b -> b.flowDeviceCode()).flatMap(pk -> new FlowStore(dsl).byPk(pk));
    }

    /** The in-memory code entry appended to the brand's device-code flow, showing {@code prefill} (may be empty). */
    public PlannedStage entryStage(String prefill) {
        return new DeviceCodeEntryStage(this, prefill).planned();
    }

    /** The page again, for a code this user has just entered and that was found usable. */
    String confirmedLocation(String userCode, User user) {
        long millis = clock.millis();
        return PATH + "?" + CODE + "=" + UserCodes.format(userCode) + "&" + CONFIRM + "=" + millis + "."
                + mac(userCode, user, millis);
    }

    /** Whether {@code value} is a recent confirmation of this code for this user. */
    public boolean confirmed(String entered, User user, String value) {
        Optional<String> code = UserCodes.normalize(entered);
        int dot = value == null ? -1 : value.indexOf('.');
        if (code.isEmpty() || dot <= 0) {
            return false;
        }
        long millis;
        try {
            millis = Long.parseLong(value.substring(0, dot));
        } catch (NumberFormatException e) {
            return false;
        }
        Instant at = Instant.ofEpochMilli(millis);
        Instant now = clock.instant();
        return Secrets.constantTimeEquals(mac(code.get(), user, millis), value.substring(dot + 1))
                && !at.isAfter(now) && at.plus(CONFIRMATION_VALIDITY).isAfter(now);
    }

    private String mac(String userCode, User user, long millis) {
        return Secrets.hmacSha256Url(confirmKey, userCode + "|" + user.pk() + "|" + millis);
    }
}
