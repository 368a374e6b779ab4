package dev.gatehouse.policy.geoip;

import dev.gatehouse.core.User;
import dev.gatehouse.policy.LoginHistory;
import dev.gatehouse.policy.PolicyOutcome;
import dev.gatehouse.policy.PolicyRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The GeoIP policy's history checks, as authentik's {@code passes_distance}: the client's location is compared with
 * each of the user's last {@code history_login_count} logins that have a usable location (others are skipped).
 * <ul>
 * <li>{@code check_history_distance} fails when a distance is at least {@code history_max_distance_km +
 * distance_tolerance_km};</li>
 * <li>{@code check_impossible_travel} fails when a distance is at least {@code 1000 km/h × hours since that login
 * (at least 1) + impossible_tolerance_km}.</li>
 * </ul>
 * Without a user, history or usable current coordinates there is nothing to compare, and the check passes (as in
 * authentik). Distances are great-circle distances (haversine).
 */
final class TravelCheck {
    static final String TOO_FAR = "Distance from previous authentication is larger than threshold.";
    static final String IMPOSSIBLE = "Distance is further than possible.";
    static final double MAX_SPEED_KM_PER_HOUR = 1000;
    /** Mean earth radius (IUGG), in km. */
    private static final double EARTH_RADIUS_KM = 6371.0088;

    private final GeoIpPolicyType.Config config;

    TravelCheck(GeoIpPolicyType.Config config) {
        this.config = config;
    }

    PolicyOutcome.Decided check(PolicyRequest request) {
        if (!config.checkHistoryDistance() && !config.checkImpossibleTravel()) {
            return GeoIpPolicyType.decided(true);
        }
        Optional<double[]> here = point(GeoIpPolicyType.entry(request, "geoip"));
        User user = user(request);
        if (here.isEmpty() || user == null || request.logins() == null) {
            return GeoIpPolicyType.decided(true);
        }
        Instant now = Instant.now();
        List<LoginHistory.Login> logins = request.logins().recent(user, config.historyLoginCount());
        for (LoginHistory.Login login : logins) {
            Optional<double[]> there = point(login.geo());
            if (there.isEmpty()) {
                continue;
            }
            double km = distanceKm(here.get(), there.get());
            if (config.checkHistoryDistance()
                    && km >= config.historyMaxDistanceKm() + (double) config.distanceToleranceKm()) {
                return GeoIpPolicyType.decided(false, TOO_FAR);
            }
            double hours = Math.max(Duration.between(login.created(), now).toMillis() / 3_600_000.0, 1.0);
            if (config.checkImpossibleTravel()
                    && km >= MAX_SPEED_KM_PER_HOUR * hours + config.impossibleToleranceKm()) {
                return GeoIpPolicyType.decided(false, IMPOSSIBLE);
            }
        }
        return GeoIpPolicyType.decided(true);
    }

    /** The request's user; in a flow before login, the pending user. */
    private static User user(PolicyRequest request) {
        if (request.user() != null) {
            return request.user();
        }
        return request.context().get("pending_user") instanceof User u ? u : null;
    }

    /** Latitude and longitude of a {@code city_dict}, when both are finite numbers in range. */
    static Optional<double[]> point(Map<?, ?> geo) {
        if (!(geo.get("lat") instanceof Number lat) || !(geo.get("long") instanceof Number lon)) {
            return Optional.empty();
        }
        double la = lat.doubleValue();
        double lo = lon.doubleValue();
        if (!Double.isFinite(la) || !Double.isFinite(lo) || Math.abs(la) > 90 || Math.abs(lo) > 180) {
            return Optional.empty();
        }
        return Optional.of(new double[] {la, lo});
    }

    /** Great-circle distance between two (lat, long) points in degrees, in km. */
    static double distanceKm(double[] a, double[] b) {
        double dLat = Math.toRadians(b[0] - a[0]);
        double dLon = Math.toRadians(b[1] - a[1]);
        double h = Math.pow(Math.sin(dLat / 2), 2)
                + Math.cos(Math.toRadians(a[0])) * Math.cos(Math.toRadians(b[0])) * Math.pow(Math.sin(dLon / 2), 2);
        return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
    }
}
