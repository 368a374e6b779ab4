package dev.gatehouse.session;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import dev.gatehouse.core.Actor;
import dev.gatehouse.core.EventLog;
import dev.gatehouse.core.User;
import dev.gatehouse.core.UserStore;
import dev.gatehouse.crypto.Secrets;
import dev.gatehouse.store.ChangeFeed;
import dev.gatehouse.store.Database;
import dev.gatehouse.store.Page;
import dev.gatehouse.store.PageRequest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import org.jooq.DSLContext;

/**
 * Server-side browser sessions. Every {@link #login} mints a new random key (no session fixation: the
 * caller replaces whatever cookie the browser had); only the key's SHA-256 is stored (DESIGN.md point 9).
 * {@link #resolve} is served from a small in-memory cache, emptied through the database's
 * {@link ChangeFeed}: a deleted session ({@value ChangeFeed#SESSION}) or a changed, deactivated or deleted
 * user, or all of a user's sessions deleted ({@value ChangeFeed#USER}) is dropped at once, in this process
 * and (PostgreSQL NOTIFY) in every other process of a cluster. {@link #CACHE_TTL} is only the safety net
 * (rows changed outside Gatehouse). {@code last_used} is written at most once per {@link #TOUCH_INTERVAL},
 * not on every request.
 */
public final class SessionService {
    public static final Duration CACHE_TTL = Duration.ofSeconds(30);
    public static final int CACHE_SIZE = 10_000;
    public static final Duration TOUCH_INTERVAL = Duration.ofMinutes(1);
    /** Server-side lifetime of a browser-session login (session_duration 0: the cookie ends with the browser). */
    public static final Duration BROWSER_SESSION_LIFETIME = Duration.ofDays(1);
    static final int KEY_BYTES = 32;
    private static final int MAX_USER_AGENT = 512;
    private static final Pattern KEY_SHAPE = Pattern.compile("[A-Za-z0-9_-]{32,128}");

    /** A new session and its key; the key exists only here and in the browser's cookie. */
    public record Issued(String key, AuthenticatedSession session) {
        @Override
        public String toString() {
            return "Issued[" + session + "]";
        }
    }

    /** A live session with its (active) user. */
    public record Live(AuthenticatedSession session, User user) {
    }

    private final Database db;
    private final byte[] csrfKey;
    private final Clock clock;
    private final Cache<String, Live> cache;
    /** Counts changes; a load that overlapped one is not kept (it may hold the rows from before it). */
    private final AtomicLong changes = new AtomicLong();

    public SessionService(Database db, String secretKey) {
        this(db, secretKey, Clock.systemUTC(), Ticker.systemTicker());
    }

    /** With an explicit clock for session times and ticker for cache expiry (tests). */
    SessionService(Database db, String secretKey, Clock clock, Ticker ticker) {
        this.db = db;
        this.csrfKey = secretKey.getBytes(StandardCharsets.UTF_8);
        this.clock = clock;
        this.cache = Caffeine.newBuilder().maximumSize(CACHE_SIZE).expireAfterWrite(CACHE_TTL).ticker(ticker).build();
        db.changes().subscribe(ChangeFeed.SESSION, this::sessionChanged);
        db.changes().subscribe(ChangeFeed.USER, this::userChanged);
    }

    private void sessionChanged(String keyHash) {
        changes.incrementAndGet();
        if (keyHash.equals(ChangeFeed.ALL)) {
            cache.invalidateAll();
        } else {
            cache.invalidate(keyHash);
        }
    }

    private void userChanged(String pk) {
        changes.incrementAndGet();
        long user;
        try {
            user = Long.parseLong(pk);
        } catch (NumberFormatException allOrUnknown) {
            cache.invalidateAll();
            return;
        }
        cache.asMap().values().removeIf(l -> l.user().pk() == user);
    }

    /** Starts a session for the user: sets {@code last_login} and records a {@code login} event. */
    public Issued login(User user, String clientIp, String userAgent, Duration lifetime) {
        return login(user, clientIp, userAgent, lifetime, java.util.List.of());
    }

    /**
     * Starts a session for the user, recording how the user signed in ({@code amr}, RFC 8176 values) for the
     * tokens issued for it later.
     */
    public Issued login(User user, String clientIp, String userAgent, Duration lifetime, java.util.List<String> amr) {
        if (lifetime == null || lifetime.isNegative() || lifetime.isZero()) {
            throw new IllegalArgumentException("a session lifetime must be positive");
        }
        String key = Base64.getUrlEncoder().withoutPadding().encodeToString(Secrets.randomBytes(KEY_BYTES));
        String agent = userAgent == null ? "" : userAgent.substring(0, Math.min(userAgent.length(), MAX_USER_AGENT));
        Instant now = clock.instant();
        AuthenticatedSession session = db.tx(dsl -> {
            AuthenticatedSession created = new SessionStore(dsl).insert(Secrets.sha256Hex(key), user.pk(), now,
                    now.plus(lifetime), clientIp, agent, String.join(" ", amr));
            new UserStore(dsl).setLastLogin(user.pk(), now);
            EventLog.record(dsl, "login", new Actor(user, clientIp), httpContext(agent));
            return created;
        });
        return new Issued(key, session);
    }

    /** The live session a presented key names: empty when unknown, expired, deleted or its user is inactive. */
    public Optional<Live> resolve(String key) {
        if (key == null || !KEY_SHAPE.matcher(key).matches()) {
            return Optional.empty();
        }
        String hash = Secrets.sha256Hex(key);
        long seen = changes.get();
        Live live = cache.get(hash, h -> new SessionStore(db.dsl()).byKeyHashWithUser(h)
                .map(w -> new Live(w.session(), w.user())).orElse(null));
        if (live == null) {
            return Optional.empty();
        }
        if (changes.get() != seen) {
            cache.asMap().remove(hash, live);
        }
        Instant now = clock.instant();
        if (live.session().expired(now) || !live.user().isActive()) {
            cache.invalidate(hash);
            return Optional.empty();
        }
        if (!live.session().lastUsed().plus(TOUCH_INTERVAL).isAfter(now)) {
            new SessionStore(db.dsl()).touch(live.session().uuid(), now);
            Live touched = new Live(live.session().withLastUsed(now), live.user());
            cache.asMap().replace(hash, live, touched);
            live = touched;
        }
        return Optional.of(live);
    }

    /** Ends the session the key names (if any) and records a {@code logout} event. */
    public boolean logout(String key, String clientIp) {
        if (key == null || !KEY_SHAPE.matcher(key).matches()) {
            return false;
        }
        String hash = Secrets.sha256Hex(key);
        Long user = db.tx(dsl -> {
            SessionStore sessions = new SessionStore(dsl);
            Optional<SessionStore.WithUser> found = sessions.byKeyHashWithUser(hash);
            if (found.isEmpty() || !sessions.delete(found.get().session().uuid())) {
                return null;
            }
            EventLog.record(dsl, "logout", new Actor(found.get().user(), clientIp),
                    httpContext(found.get().session().userAgent()));
            // What other processes derived from the user's sessions (forward-auth sessions) ends too.
            ChangeFeed.of(dsl).publish(ChangeFeed.USER, String.valueOf(found.get().user().pk()));
            return found.get().user().pk();
        });
        if (user != null) {
            db.userCaches().invalidate(user);
        }
        return user != null;
    }

    /** Deletes one session (the API's DELETE); its browser is logged out at its next request. */
    public boolean delete(Actor actor, UUID uuid) {
        Optional<AuthenticatedSession> deleted = db.tx(dsl -> {
            SessionStore sessions = new SessionStore(dsl);
            Optional<AuthenticatedSession> found = sessions.byUuid(uuid);
            if (found.isEmpty() || !sessions.delete(uuid)) {
                return Optional.<AuthenticatedSession>empty();
            }
            EventLog.modelDeleted(dsl, actor, "authenticatedsession", uuid, uuid.toString());
            ChangeFeed.of(dsl).publish(ChangeFeed.USER, String.valueOf(found.get().user()));
            return found;
        });
        deleted.ifPresent(s -> db.userCaches().invalidate(s.user()));
        return deleted.isPresent();
    }

    /** Deletes every session of a user (account lockdown); every process drops them from its cache. */
    public int deleteForUser(long userPk) {
        return db.tx(dsl -> new SessionStore(dsl).deleteForUser(userPk));
    }

    public Optional<AuthenticatedSession> byUuid(UUID uuid) {
        return new SessionStore(db.dsl()).byUuid(uuid);
    }

    /** Sessions visible to a caller: every one, or only {@code onlyUser}'s. */
    public Page<AuthenticatedSession> list(PageRequest req, Long onlyUser) {
        return new SessionStore(db.dsl()).list(req, onlyUser);
    }

    /**
     * The session's CSRF token: HMAC-SHA256 of its id under the SECRET_KEY, so it needs no storage, differs
     * per session and cannot be computed without the server's key.
     */
    public String csrfToken(AuthenticatedSession session) {
        return Secrets.hmacSha256Url(csrfKey, "gatehouse.csrf|" + session.uuid());
    }

    /** Whether a presented CSRF token is this session's (constant-time). */
    public boolean csrfMatches(AuthenticatedSession session, String presented) {
        return presented != null && Secrets.constantTimeEquals(csrfToken(session), presented);
    }

    private static Map<String, Object> httpContext(String userAgent) {
        Map<String, Object> http = new LinkedHashMap<>();
        http.put("user_agent", userAgent == null ? "" : userAgent);
        Map<String, Object> ctx = new LinkedHashMap<>();
        ctx.put("http_request", http);
        return ctx;
    }
}
