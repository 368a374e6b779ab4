package dev.gatehouse.provider.ldap;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import dev.gatehouse.core.UserStore;
import dev.gatehouse.crypto.Secrets;
import dev.gatehouse.store.ChangeFeed;
import dev.gatehouse.store.Database;
import dev.gatehouse.session.SessionStore;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The successful binds of this process. Every bound connection holds a {@link Ticket}; in cached bind mode a
 * success is also remembered under (provider, DN, keyed MAC of the password) for its session's length, so the next
 * bind with the same credentials costs no flow and no password hash. Both follow the {@link ChangeFeed}: a change
 * to the user (deactivation, password, groups — from any process) forgets its remembered binds and makes its
 * tickets re-check the user (and session) before the next search; a deleted session revokes its tickets at once.
 */
final class BindSessions {
    private static final int MAX_REMEMBERED = 100_000;

    /** A bind's standing: {@code sessionHash} is the SHA-256 of the session key in cached mode, else null. */
    static final class Ticket {
        final long user;
        final String sessionHash;
        final Instant expires;
        volatile boolean stale;
        volatile boolean revoked;

        Ticket(long user, String sessionHash, Instant expires) {
            this.user = user;
            this.sessionHash = sessionHash;
            this.expires = expires;
        }
    }

    private record Key(long provider, String dn, String mac) {
    }

    private final Database db;
    private final Clock clock;
    private final byte[] macKey = Secrets.randomBytes(32);
    /** Held tickets with the number of connections holding each (a remembered bind is shared by its connections). */
    private final Map<Ticket, Integer> tickets = new ConcurrentHashMap<>();
    private final Cache<Key, Ticket> remembered = Caffeine.newBuilder().maximumSize(MAX_REMEMBERED)
            .expireAfter(new Expiry<Key, Ticket>() {
                @Override
                public long expireAfterCreate(Key k, Ticket t, long now) {
                    return Math.max(0, java.time.Duration.between(Instant.now(), t.expires).toNanos());
                }

                @Override
                public long expireAfterUpdate(Key k, Ticket t, long now, long current) {
                    return expireAfterCreate(k, t, now);
                }

                @Override
                public long expireAfterRead(Key k, Ticket t, long now, long current) {
                    return current;
                }
            }).build();

    BindSessions(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
        db.changes().subscribe(ChangeFeed.USER, this::userChanged);
        db.changes().subscribe(ChangeFeed.SESSION, this::sessionEnded);
    }

    /** A remembered cached bind for these credentials, if it is still good. */
    Optional<Ticket> remembered(long provider, String dn, String password) {
        Key key = key(provider, dn, password);
        Ticket t = remembered.getIfPresent(key);
        if (t == null || !valid(t)) {
            return Optional.empty();
        }
        return Optional.of(t);
    }

    void remember(long provider, String dn, String password, Ticket t) {
        remembered.put(key(provider, dn, password), t);
    }

    /** Registers a connection's ticket (for revocation); {@link #release} when the connection ends or rebinds. */
    Ticket hold(Ticket t) {
        tickets.merge(t, 1, Integer::sum);
        return t;
    }

    void release(Ticket t) {
        if (t != null) {
            tickets.computeIfPresent(t, (k, holders) -> holders == 1 ? null : holders - 1);
        }
    }

    /** Whether the ticket still stands; a stale one is checked against the database once. */
    boolean valid(Ticket t) {
        if (t.revoked || !clock.instant().isBefore(t.expires)) {
            return false;
        }
        if (t.stale) {
            boolean active = new UserStore(db.dsl()).byPk(t.user).map(u -> u.isActive()).orElse(false);
            boolean session = t.sessionHash == null || new SessionStore(db.dsl()).byKeyHash(t.sessionHash)
                    .filter(s -> s.expires().isAfter(clock.instant())).isPresent();
            if (!active || !session) {
                t.revoked = true;
                return false;
            }
            t.stale = false;
        }
        return true;
    }

    private void userChanged(String pk) {
        if (ChangeFeed.ALL.equals(pk)) {
            remembered.invalidateAll();
            tickets.keySet().forEach(t -> t.stale = true);
            return;
        }
        long user;
        try {
            user = Long.parseLong(pk);
        } catch (NumberFormatException e) {
            return;
        }
        remembered.asMap().values().removeIf(t -> t.user == user);
        for (Ticket t : tickets.keySet()) {
            if (t.user == user) {
                t.stale = true;
            }
        }
    }

    private void sessionEnded(String keyHash) {
        if (ChangeFeed.ALL.equals(keyHash)) {
            userChanged(ChangeFeed.ALL);
            return;
        }
        remembered.asMap().values().removeIf(t -> keyHash.equals(t.sessionHash));
        for (Ticket t : Set.copyOf(tickets.keySet())) {
            if (keyHash.equals(t.sessionHash)) {
                t.revoked = true;
            }
        }
    }

    private Key key(long provider, String dn, String password) {
        return new Key(provider, dn, Secrets.hmacSha256Url(macKey, password));
    }
}
