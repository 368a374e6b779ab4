package dev.gatehouse.lockdown;

import dev.gatehouse.core.Actor;
import dev.gatehouse.core.EventLog;
import dev.gatehouse.core.TokenStore;
import dev.gatehouse.core.User;
import dev.gatehouse.core.UserStore;
import dev.gatehouse.core.UserType;
import dev.gatehouse.core.errors.NotFoundException;
import dev.gatehouse.core.errors.ValidationException;
import dev.gatehouse.crypto.PasswordHasher;
import dev.gatehouse.flow.engine.FlowPlans;
import dev.gatehouse.provider.oauth2.device.OAuth2DeviceStore;
import dev.gatehouse.provider.oauth2.token.OAuth2GrantStore;
import dev.gatehouse.provider.proxy.ProxySessionStore;
import dev.gatehouse.session.SessionStore;
import dev.gatehouse.store.ChangeFeed;
import dev.gatehouse.store.Database;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Locks one account down at once (authentik's account lockdown), in one transaction with its event: the user is
 * deactivated, its password made unusable, every sign-in it has ended and every credential it holds revoked, as the
 * {@link Actions} say. What "ended" covers:
 * <ul>
 * <li>sessions: every browser session with the proxy sessions (forward-auth and proxy cookies) hanging off them,
 * and every flow plan stored for the user (flows in progress, plans parked under {@code ?flow_token=} links);</li>
 * <li>tokens: API tokens, app passwords, recovery and verification tokens; OAuth authorization codes (deleted),
 * access and refresh tokens (revoked: introspection answers {@code active: false}), and device-code grants the
 * user approved and the device has not redeemed (refused).</li>
 * </ul>
 * The {@value ChangeFeed#USER} change is published in the same transaction, so once it commits every process
 * sharing the database drops what it cached for the user: browser and forward-auth sessions, proxy identities,
 * LDAP remembered binds. The event {@value #EVENT} records the reason and the account. Internal service accounts
 * (the outposts' own) are refused.
 */
public final class AccountLockdown {
    public static final String EVENT = "account_lockdown_triggered";
    static final String SERVICE_ACCOUNT = "Internal service accounts cannot be locked down.";
    private final Database db;

    public AccountLockdown(Database db) {
        this.db = db;
    }

    /** What a lockdown does: the four switches of the account_lockdown stage, each on unless switched off. */
    public record Actions(boolean deactivateUser, boolean setUnusablePassword, boolean deleteSessions,
                          boolean revokeTokens) {
        public static final Actions ALL = new Actions(true, true, true, true);
    }

    /** How many of each thing one lockdown ended (for the caller and the tests; the event carries the reason). */
    public record Result(User user, int sessions, int flowPlans, int tokens, int oauthGrants, int deviceGrants) {
    }

    /**
     * Locks {@code userPk} down for {@code actor}, with everything on. {@link NotFoundException} for an unknown user;
     * {@link ValidationException} ({@code non_field_errors}) for an internal service account.
     */
    public Result lock(Actor actor, long userPk, String reason) {
        return lock(actor, userPk, reason, Actions.ALL);
    }

    public Result lock(Actor actor, long userPk, String reason, Actions actions) {
        Result result = db.tx(dsl -> {
            User user = new UserStore(dsl).lockByPk(userPk).orElseThrow(NotFoundException::new);
            refuseServiceAccount(user);
            UserStore users = new UserStore(dsl);
            if (actions.deactivateUser() && user.isActive()) {
                users.update(new User(user.pk(), user.uuid(), user.username(), user.name(), user.email(),
                        user.passwordHash(), user.passwordChangeDate(), false, user.type(), user.path(),
                        user.attributes(), user.lastLogin(), user.dateJoined()));
            }
            if (actions.setUnusablePassword()) {
                users.setPassword(user.pk(), PasswordHasher.unusable(), Instant.now());
            }
            int sessions = 0;
            int plans = 0;
            if (actions.deleteSessions()) {
                new ProxySessionStore(dsl).deleteForUser(user.pk());
                sessions = new SessionStore(dsl).deleteForUserExcept(user.pk(), null);
                plans = FlowPlans.deleteOfUser(dsl, user.pk());
            }
            int tokens = 0;
            int grants = 0;
            int devices = 0;
            if (actions.revokeTokens()) {
                tokens = new TokenStore(dsl).deleteForUser(user.pk());
                grants = new OAuth2GrantStore(dsl).revokeAllOfUser(user.pk());
                devices = new OAuth2DeviceStore(dsl).denyApprovedOfUser(user.pk());
            }
            ChangeFeed.of(dsl).publish(ChangeFeed.USER, Long.toString(user.pk()));
            Map<String, Object> context = new LinkedHashMap<>();
            context.put("reason", reason == null ? "" : reason);
            context.put("affected_user", user.username());
            context.put("affected_user_pk", user.pk());
            EventLog.record(dsl, EVENT, actor, context);
            return new Result(new UserStore(dsl).byPk(user.pk()).orElseThrow(), sessions, plans, tokens, grants,
                    devices);
        });
        db.userCaches().invalidate(userPk);
        return result;
    }

    /** Refuses what may not be locked down: an internal service account. */
    public static void refuseServiceAccount(User user) {
        if (user.type() == UserType.INTERNAL_SERVICE_ACCOUNT) {
            throw ValidationException.of("non_field_errors", SERVICE_ACCOUNT);
        }
    }
}
