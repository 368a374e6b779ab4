package dev.gatehouse.throttle;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.TimeMeter;
import java.time.Duration;
import java.util.Locale;

/**
 * Brute-force throttle for credential checks (passwords, device user codes and OAuth2 client secrets, each with
 * its own instance; TOTP codes and LDAP/RADIUS binds share the sign-in one): a token bucket per attempted username and one per client IP. Only failures take a token; when either
 * bucket is empty the caller must refuse the attempt without checking the credential, with the same
 * answer whether or not the user exists (the username bucket is keyed by what was typed, not by a user).
 * Buckets live in memory in this process and are dropped when idle.
 */
public final class LoginThrottle {
    /** {@code capacity} failures in a burst, then one more every {@code refillOne}. */
    public record Limits(long capacity, Duration refillOne) {
    }

    public static final Limits PER_USERNAME = new Limits(10, Duration.ofMinutes(1));
    public static final Limits PER_IP = new Limits(50, Duration.ofSeconds(6));
    private static final long MAX_TRACKED = 100_000;

    private final Limits perUsername;
    private final Limits perIp;
    private final TimeMeter clock;
    private final Cache<String, Bucket> buckets;

    public LoginThrottle() {
        this(PER_USERNAME, PER_IP, TimeMeter.SYSTEM_NANOTIME);
    }

    public LoginThrottle(Limits perUsername, Limits perIp, TimeMeter clock) {
        this.perUsername = perUsername;
        this.perIp = perIp;
        this.clock = clock;
        Duration idle = max(perUsername.refillOne().multipliedBy(perUsername.capacity()),
                perIp.refillOne().multipliedBy(perIp.capacity()));
        this.buckets = Caffeine.newBuilder().maximumSize(MAX_TRACKED).expireAfterAccess(idle).build();
    }

    /** True when another attempt for this username from this address may be checked. */
    public boolean allows(String username, String clientIp) {
        return bucket(userKey(username), perUsername).getAvailableTokens() > 0
                && (clientIp == null || bucket(ipKey(clientIp), perIp).getAvailableTokens() > 0);
    }

    /** Records a failed attempt against both the username and the address. */
    public void failed(String username, String clientIp) {
        bucket(userKey(username), perUsername).tryConsume(1);
        if (clientIp != null) {
            bucket(ipKey(clientIp), perIp).tryConsume(1);
        }
    }

    /**
     * How long until {@link #allows} may be true again for this username and address (zero when it is now): the
     * longer wait of the two buckets, for a {@code Retry-After} answer.
     */
    public Duration retryAfter(String username, String clientIp) {
        long nanos = bucket(userKey(username), perUsername).estimateAbilityToConsume(1).getNanosToWaitForRefill();
        if (clientIp != null) {
            nanos = Math.max(nanos, bucket(ipKey(clientIp), perIp).estimateAbilityToConsume(1).getNanosToWaitForRefill());
        }
        return Duration.ofNanos(nanos);
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
