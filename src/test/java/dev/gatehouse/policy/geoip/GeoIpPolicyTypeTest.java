package dev.gatehouse.policy.geoip;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.core.User;
import dev.gatehouse.policy.LoginHistory;
import dev.gatehouse.policy.PolicyOutcome;
import dev.gatehouse.policy.PolicyRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The GeoIP policy's rules on given contexts and login histories (the login tests drive the same rules through real
 * sign-ins): either list matching is enough, missing data is an error for the lists, the history checks' thresholds
 * and their boundaries, and haversine distances.
 */
class GeoIpPolicyTypeTest {
    private static final GeoIpPolicyType TYPE = new GeoIpPolicyType();
    private static final Map<String, Object> BERN = geo("CH", 46.9481, 7.4474);
    private static final Map<String, Object> BERLIN = geo("DE", 52.52, 13.405);

    private static Map<String, Object> geo(String country, Object lat, Object lon) {
        Map<String, Object> m = new HashMap<>();
        m.put("continent", "EU");
        m.put("country", country);
        m.put("lat", lat);
        m.put("long", lon);
        m.put("city", "");
        return m;
    }

    private static Map<String, Object> config(Object... kv) {
        Map<String, Object> c = TYPE.defaults();
        for (int i = 0; i < kv.length; i += 2) {
            c.put((String) kv[i], kv[i + 1]);
        }
        return c;
    }

    private static PolicyRequest request(Map<String, Object> geoip, Long asn, List<LoginHistory.Login> history) {
        Map<String, Object> ctx = new HashMap<>();
        if (geoip != null) {
            ctx.put("geoip", geoip);
        }
        if (asn != null) {
            ctx.put("asn", Map.of("asn", asn, "as_org", "x", "network", "203.0.113.0/24"));
        }
        User user = new User(7, UUID.randomUUID(), "erin", "Erin", "erin@example.org", "!", null, true,
                dev.gatehouse.core.UserType.INTERNAL, "users", Map.of(), null, Instant.parse("2026-01-01T00:00:00Z"));
        return new PolicyRequest(user, "203.0.113.10", PolicyRequest.Http.NONE, ctx)
                .withLogins((u, count) -> u.pk() == 7 ? history.subList(0, Math.min(count, history.size())) : List.of());
    }

    private static LoginHistory.Login login(Map<String, Object> geo, Duration ago) {
        return new LoginHistory.Login(UUID.randomUUID(), Instant.now().minus(ago), geo);
    }

    private static PolicyOutcome.Decided decided(PolicyOutcome o) {
        assertThat(o).isInstanceOf(PolicyOutcome.Decided.class);
        return (PolicyOutcome.Decided) o;
    }

    @Test
    void listsPassWhenEitherMatchesAndNamedMessagesOtherwise() {
        assertThat(decided(TYPE.evaluate(config(), request(null, null, List.of()))).passing()).as("empty").isTrue();
        assertThat(decided(TYPE.evaluate(config("countries", List.of("DE"), "asns", List.of(13030)),
                request(BERN, 13030L, List.of()))).passing()).isTrue();
        PolicyOutcome.Decided none = decided(TYPE.evaluate(config("countries", List.of("DE"), "asns", List.of(1)),
                request(BERN, 13030L, List.of())));
        assertThat(none.passing()).isFalse();
        assertThat(none.messages()).containsExactly(GeoIpPolicyType.WRONG_ASN, GeoIpPolicyType.WRONG_COUNTRY);
        assertThat(TYPE.evaluate(config("asns", List.of(13030)), request(BERN, null, List.of())))
                .isEqualTo(new PolicyOutcome.Error("GeoIP: client IP not found in ASN database."));
        assertThat(TYPE.evaluate(config("countries", List.of("CH")), request(null, 13030L, List.of())))
                .isEqualTo(new PolicyOutcome.Error("GeoIP: client IP address not found in City database."));
    }

    @Test
    void historyDistanceFailsAtMaximumPlusTolerance() {
        double km = TravelCheck.distanceKm(new double[] {46.9481, 7.4474}, new double[] {52.52, 13.405});
        assertThat(km).isBetween(740.0, 770.0);
        List<LoginHistory.Login> history = List.of(login(BERLIN, Duration.ofDays(2)));
        long floor = (long) Math.floor(km);
        PolicyOutcome.Decided fails = decided(TYPE.evaluate(config("check_history_distance", true,
                "history_max_distance_km", floor - 50, "distance_tolerance_km", 50), request(BERN, null, history)));
        assertThat(fails.passing()).isFalse();
        assertThat(fails.messages()).containsExactly("Distance from previous authentication is larger than threshold.");
        assertThat(decided(TYPE.evaluate(config("check_history_distance", true, "history_max_distance_km", floor - 49,
                "distance_tolerance_km", 50), request(BERN, null, history))).passing()).isTrue();
    }

    @Test
    void impossibleTravelAllowsAThousandKilometresAnHourForAtLeastAnHourPlusTolerance() {
        // Bern to Berlin (~755 km): in ten minutes counted as one hour, 1000 km + tolerance.
        Map<String, Object> cfg = config("check_impossible_travel", true, "impossible_tolerance_km", 0);
        assertThat(decided(TYPE.evaluate(cfg, request(BERN, null, List.of(login(BERLIN, Duration.ofMinutes(10))))))
                .passing()).isTrue();
        Map<String, Object> far = geo("US", 40.7128, -74.006);
        PolicyOutcome.Decided nyc = decided(TYPE.evaluate(cfg, request(BERN, null,
                List.of(login(far, Duration.ofHours(6))))));
        assertThat(nyc.passing()).as("6300 km in 6 h").isFalse();
        assertThat(nyc.messages()).containsExactly("Distance is further than possible.");
        assertThat(decided(TYPE.evaluate(cfg, request(BERN, null, List.of(login(far, Duration.ofMinutes(390))))))
                .passing()).as("6300 km in 6.5 h (fractional hours)").isTrue();
        assertThat(decided(TYPE.evaluate(config("check_impossible_travel", true, "impossible_tolerance_km", 6000),
                request(BERN, null, List.of(login(far, Duration.ofMinutes(1)))))).passing()).as("tolerance").isTrue();
    }

    @Test
    void everyUsableLoginCountsAndUnusableOnesAreSkipped() {
        Map<String, Object> cfg = config("check_impossible_travel", true, "history_login_count", 3);
        List<LoginHistory.Login> history = new ArrayList<>();
        history.add(login(BERN, Duration.ofMinutes(5)));
        history.add(login(geo("XX", "0", 0), Duration.ofMinutes(6)));
        history.add(login(geo("US", 40.7128, -74.006), Duration.ofMinutes(30)));
        assertThat(decided(TYPE.evaluate(cfg, request(BERN, null, history))).passing()).isFalse();
        assertThat(decided(TYPE.evaluate(config("check_impossible_travel", true, "history_login_count", 2),
                request(BERN, null, history))).passing()).as("only the last two").isTrue();
        assertThat(decided(TYPE.evaluate(cfg, request(geo("CH", null, null), null, history))).passing())
                .as("no coordinates (a Country database): nothing to compare").isTrue();
        assertThat(decided(TYPE.evaluate(cfg, request(geo("CH", 91, 0), null, history))).passing()).isTrue();
    }
}
