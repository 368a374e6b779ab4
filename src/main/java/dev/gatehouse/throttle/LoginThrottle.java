package dev.gatehouse.throttle;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.TimeMeter;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * Brute-force throttle for credential checks (passwords, device user codes and OAuth2 client secrets, each with its
 * own instance; TOTP codes and LDAP/RADIUS binds share the sign-in one): token buckets per attempted username from
 * one address, per attempted username from all addresses together, and per client IP. Only failures take a token; when any bucket is empty the caller must refuse
 * the attempt without checking the credential, with the same answer whether or not the user exists (the username
 * buckets are keyed by what was typed, not by a user). The all-addresses bucket holds {@link #SPREAD} times the
 * per-address burst and refills {@link #SPREAD} times faster: one address can never empty it, so one misbehaving
 * client cannot lock a user out of signing in from elsewhere; it takes {@link #SPREAD} addresses working together,
 * and guessing one password stays bounded overall. Buckets live in memory in this process and are dropped when idle.
 */
public final class LoginThrottle {
    /** {@code capacity} failures in a burst, then one more every {@code refillOne}. */
    public record Limits(long capacity, Duration refillOne) {
    }

    /** Failures for one username from one address (across all addresses: {@link #SPREAD} times as many). */
    public static final Limits PER_USERNAME = new Limits(10, Duration.ofMinutes(1));
    /** How many addresses it takes to empty a username's all-addresses bucket. */
    public static final int SPREAD = 3;
    public static final Limits PER_IP = new Limits(50, Duration.ofSeconds(6));
    private static final long MAX_TRACKED = 100_000;

    private final Limits perUsername;
    private final Limits perUsernameEverywhere;
    private final Limits perIp;
    private final TimeMeter clock;
    private final Cache<String, Bucket> buckets;

    public LoginThrottle() {
        this(PER_USERNAME, PER_IP, TimeMeter.SYSTEM_NANOTIME);
    }

    public LoginThrottle(Limits perUsername, Limits perIp, TimeMeter clock) {
        this.perUsername = perUsername;
        this.perUsernameEverywhere = new Limits(perUsername.capacity() * SPREAD,
                perUsername.refillOne().dividedBy(SPREAD));
        this.perIp = perIp;
        this.clock = clock;
        Duration idle = max(perUsername.refillOne().multipliedBy(perUsername.capacity()),
                perIp.refillOne().multipliedBy(perIp.capacity()));
        this.buckets = Caffeine.newBuilder().maximumSize(MAX_TRACKED).expireAfterAccess(idle).build();
    }

    /** True when another attempt for this username from this address may be checked. */
    public boolean allows(String username, String clientIp) {
        for (Bucket b : buckets(username, clientIp)) {
            if (b.getAvailableTokens() <= 0) {
                return false;
            }
        }
        return true;
    }

    /** Records a failed attempt against the username (from this address, and overall) and the address. */
    public void failed(String username, String clientIp) {
        for (Bucket b : buckets(username, clientIp)) {
            b.tryConsume(1);
        }
    }

    /**
     * How long until {@link #allows} may be true again for this username and address (zero when it is now): the
     * longest wait of its buckets, for a {@code Retry-After} answer.
     */
    public Duration retryAfter(String username, String clientIp) {
        long nanos = 0;
        for (Bucket b : buckets(username, clientIp)) {
            nanos = Math.max(nanos, b.estimateAbilityToConsume(1).getNanosToWaitForRefill());
        }
        return Duration.ofNanos(nanos);
    }

    /** The buckets one attempt counts against: username from this address, username overall, and the address. */
    private List<Bucket> buckets(String username, String clientIp) {
        String user = userKey(username);
        Bucket fromHere = bucket(user + "|" + clientIp, perUsername);
        Bucket everywhere = bucket(user, perUsernameEverywhere);
        return clientIp == null ? List.of(fromHere, everywhere)
                : List.of(fromHere, everywhere, bucket(ipKey(clientIp), perIp));
    }

    private Bucket bucket(String key, Limits limits) {
        return buckets.get(key, k -> Bucket.builder()
                .addLimit(l -> l.capacity(limits.capacity()).refillGreedy(1, limits.refillOne()))
                .withCustomTimePrecision(clock)
                .build());
    }

    private static String userKey(String username) {
        return "u:" + (username == null ? "" : username.trim().toLowerCase(Locale.ROOT));
    }

    private static String ipKey(String ip) {
        return "ip:" + ip;
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
