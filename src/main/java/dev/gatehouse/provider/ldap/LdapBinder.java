package dev.gatehouse.provider.ldap;

import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.RDN;
import com.unboundid.ldap.sdk.ResultCode;
import dev.gatehouse.core.Application;
import dev.gatehouse.core.ApplicationStore;
import dev.gatehouse.core.GroupStore;
import dev.gatehouse.core.User;
import dev.gatehouse.core.UserStore;
import dev.gatehouse.crypto.Secrets;
import dev.gatehouse.flow.Flow;
import dev.gatehouse.flow.FlowStore;
import dev.gatehouse.policy.engine.ApplicationAccess;
import dev.gatehouse.policy.PolicyRequest;
import dev.gatehouse.session.SessionService;
import dev.gatehouse.store.Database;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;
import org.jooq.DSLContext;

/**
 * A simple bind (CONTRACT.md "LDAP outpost", Bind): the provider is the one whose base DN the bind DN is under,
 * the first {@code cn=} of the DN names the user, the provider's bind flow runs headless with the password
 * (and an MFA code split off it), then the linked application's policy bindings decide. In cached bind mode a
 * success starts a session (listed with the user's sessions; deleting it ends the cached bind) and is remembered
 * for the session's length. An empty password is never a success (RFC 4513 5.1.2 unauthenticated binds refused).
 */
final class LdapBinder {
    private static final Logger LOG = Logger.getLogger(LdapBinder.class.getName());
    /** How long a direct-mode bind stands on its connection (it is re-checked after any change to the user). */
    static final Duration DIRECT_TICKET = Duration.ofDays(1);

    sealed interface Result {
        record Bound(BoundUser user) implements Result {
        }

        record Refused(ResultCode code, String message) implements Result {
        }
    }

    private final Database db;
    private final HeadlessFlow flow;
    private final ApplicationAccess access;
    private final SessionService sessions;
    private final BindSessions binds;
    private final Clock clock;

    LdapBinder(Database db, HeadlessFlow flow, ApplicationAccess access, SessionService sessions, BindSessions binds,
               Clock clock) {
        this.db = db;
        this.flow = flow;
        this.access = access;
        this.sessions = sessions;
        this.binds = binds;
        this.clock = clock;
    }

    static Result invalid(String message) {
        return new Result.Refused(ResultCode.INVALID_CREDENTIALS, message);
    }

    Result bind(List<LdapProvider> providers, String bindDn, String password, String clientIp) {
        if (password.isEmpty()) {
            return invalid("A simple bind needs a password.");
        }
        DN dn;
        try {
            dn = new DN(bindDn);
        } catch (LDAPException e) {
            return invalid("Invalid credentials.");
        }
        Optional<LdapProvider> provider = providerFor(providers, dn);
        Optional<String> cn = firstCn(dn);
        if (provider.isEmpty() || cn.isEmpty()) {
            return invalid("Invalid credentials.");
        }
        LdapProvider p = provider.get();
        String normalized = dn.toNormalizedString();
        if (p.cachedBind()) {
            Optional<BindSessions.Ticket> hit = binds.remembered(p.pk(), normalized, password);
            if (hit.isPresent()) {
                return bound(p, hit.get().user, hit.get());
            }
        }
        Optional<Flow> bindFlow = p.provider().authorizationFlow() == null ? Optional.empty()
                : new FlowStore(db.dsl()).byPkCached(p.provider().authorizationFlow());
        if (bindFlow.isEmpty()) {
            LOG.warning(() -> "LDAP provider " + p.name() + " has no bind flow; binds are refused");
            return invalid("Invalid credentials.");
        }
        HeadlessFlow.Outcome outcome = flow.run(bindFlow.get(), clientIp,
                new HeadlessFlow.Credentials(cn.get(), BindPassword.split(password, p.mfaSupport())));
        if (outcome instanceof HeadlessFlow.Outcome.Failed failed) {
            LOG.fine(() -> "LDAP bind of " + cn.get() + " failed: " + failed.reason());
            return invalid("Invalid credentials.");
        }
        HeadlessFlow.Outcome.SignedIn in = (HeadlessFlow.Outcome.SignedIn) outcome;
        User user = in.user();
        Optional<Application> app = new ApplicationStore(db.dsl()).byProviderCached(p.pk());
        if (app.isEmpty() || !access.check(app.get(), user, new PolicyRequest(user, clientIp, PolicyRequest.Http.NONE,
                Map.of())).passing()) {
            return new Result.Refused(ResultCode.INSUFFICIENT_ACCESS_RIGHTS,
                    "Access denied for user " + user.username() + ".");
        }
        BindSessions.Ticket ticket;
        if (p.cachedBind()) {
            Duration lifetime = in.lifetime().isZero() ? SessionService.BROWSER_SESSION_LIFETIME : in.lifetime();
            SessionService.Issued issued = sessions.login(user, clientIp, "LDAP bind (" + p.name() + ")", lifetime);
            ticket = new BindSessions.Ticket(user.pk(), Secrets.sha256Hex(issued.key()), issued.session().expires());
            binds.remember(p.pk(), normalized, password, ticket);
        } else {
            ticket = new BindSessions.Ticket(user.pk(), null, clock.instant().plus(DIRECT_TICKET));
        }
        return bound(p, user.pk(), ticket);
    }

    private Result bound(LdapProvider p, long userPk, BindSessions.Ticket ticket) {
        DSLContext dsl = db.dsl();
        Optional<User> user = new UserStore(dsl).byPk(userPk);
        if (user.isEmpty()) {
            return invalid("Invalid credentials.");
        }
        String username = user.get().username();
        boolean full = p.searchUsers().contains(userPk) || new GroupStore(dsl).isSuperuser(userPk)
                || new GroupStore(dsl).allGroupsOfUser(userPk).stream().anyMatch(g -> p.searchGroups().contains(g.pk()));
        return new Result.Bound(new BoundUser(p, userPk, username, DirectoryNames.of(p).user(username), full,
                binds.hold(ticket)));
    }

    void unbind(BoundUser user) {
        if (user != null) {
            binds.release(user.ticket());
        }
    }

    boolean stillBound(BoundUser user) {
        return binds.valid(user.ticket());
    }

    /** The provider whose base DN {@code dn} is under (the most specific one when several match). */
    static Optional<LdapProvider> providerFor(List<LdapProvider> providers, DN dn) {
        LdapProvider best = null;
        int depth = -1;
        for (LdapProvider p : providers) {
            DN base = DirectoryNames.of(p).base();
            if (dn.isDescendantOf(base, true) && base.getRDNs().length > depth) {
                best = p;
                depth = base.getRDNs().length;
            }
        }
        return Optional.ofNullable(best);
    }

    /** The value of the first {@code cn} in the DN, reading from the leftmost RDN. */
    static Optional<String> firstCn(DN dn) {
        for (RDN rdn : dn.getRDNs()) {
            String[] names = rdn.getAttributeNames();
            String[] values = rdn.getAttributeValues();
            for (int i = 0; i < names.length; i++) {
                if (names[i].equalsIgnoreCase("cn") && !values[i].isEmpty()) {
                    return Optional.of(values[i]);
                }
            }
        }
        return Optional.empty();
    }
}
