package dev.gatehouse.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.core.Actor;
import dev.gatehouse.core.User;
import dev.gatehouse.core.UserChanges;
import dev.gatehouse.core.UserService;
import dev.gatehouse.core.UserType;
import dev.gatehouse.crypto.PasswordHasher;
import dev.gatehouse.signout.StoredSignIns;
import dev.gatehouse.store.Database;
import dev.gatehouse.core.UserStore;
import dev.gatehouse.testing.Eventually;
import dev.gatehouse.testing.TestDatabases;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two processes of a cluster (two {@link Database}s on one PostgreSQL database, each with its own
 * {@link SessionService}): what one ends, the other refuses at its next resolve, long before the cache TTL.
 */
class SessionClusterTest {
    private static final Duration SOON = Duration.ofSeconds(2);
    private static final Duration DAY = Duration.ofDays(1);
    private Database a;
    private Database b;
    private SessionService sessionsA;
    private SessionService sessionsB;
    private User alice;

    @BeforeEach
    void twoProcesses() {
        String name = TestDatabases.newPostgresDatabase();
        a = TestDatabases.openPostgres(name);
        b = TestDatabases.openPostgres(name);
        a.migrate();
        sessionsA = new SessionService(a, "cluster-secret");
        sessionsB = new SessionService(b, "cluster-secret");
        alice = new UserStore(a.dsl()).insert("alice", "Alice", "alice@example.org", "!x", true, UserType.INTERNAL,
                "users", Map.of());
        Eventually.within(SOON, "b listens", b.changes()::listening);
    }

    @AfterEach
    void close() {
        a.close();
        b.close();
    }

    /** A session signed in through A and cached by B. */
    private SessionService.Issued cachedInB() {
        SessionService.Issued issued = sessionsA.login(alice, "192.0.2.7", "test", DAY);
        assertThat(sessionsB.resolve(issued.key())).isPresent();
        return issued;
    }

    private void refusedByBSoon(SessionService.Issued issued, String what) {
        // SOON is far below SessionService.CACHE_TTL: only the change notification can evict it in time
        Eventually.within(SOON, what, () -> sessionsB.resolve(issued.key()).isEmpty());
    }

    @Test
    void aSessionDeletedThroughAIsRefusedByB() {
        SessionService.Issued issued = cachedInB();
        SessionService.Issued other = cachedInB();

        assertThat(sessionsA.delete(new Actor(alice, "192.0.2.7"), issued.session().uuid())).isTrue();

        refusedByBSoon(issued, "B refuses the deleted session");
        assertThat(sessionsB.resolve(other.key())).as("the user's other session lives on").isPresent();
    }

    @Test
    void aLogoutThroughAIsRefusedByB() {
        SessionService.Issued issued = cachedInB();
        assertThat(sessionsA.logout(issued.key(), "192.0.2.7")).isTrue();
        refusedByBSoon(issued, "B refuses the logged-out session");
    }

    @Test
    void allSessionsOfAUserDeletedThroughAAreRefusedByB() {
        SessionService.Issued one = cachedInB();
        SessionService.Issued two = cachedInB();
        assertThat(sessionsA.deleteForUser(alice.pk())).isEqualTo(2);
        refusedByBSoon(one, "B refuses the first session");
        refusedByBSoon(two, "B refuses the second session");
    }

    @Test
    void aUserDeactivatedThroughAIsSignedOutOfB() {
        SessionService.Issued issued = cachedInB();
        new UserService(a, new PasswordHasher(), new StoredSignIns()).update(Actor.SYSTEM, alice.pk(),
                new UserChanges(null, null, null, false, null, null, null, null, null));
        refusedByBSoon(issued, "B refuses the deactivated user's session");
    }

    @Test
    void aUserDeletedThroughAIsSignedOutOfB() {
        SessionService.Issued issued = cachedInB();
        new UserService(a, new PasswordHasher(), new StoredSignIns()).delete(Actor.SYSTEM, alice.pk());
        refusedByBSoon(issued, "B refuses the deleted user's session");
    }
}
