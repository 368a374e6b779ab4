package dev.gatehouse.policy.geoip;

import dev.gatehouse.definition.Definition;
import dev.gatehouse.definition.Field;
import dev.gatehouse.definition.Kind;
import dev.gatehouse.policy.PolicyOutcome;
import dev.gatehouse.policy.PolicyRequest;
import dev.gatehouse.policy.PolicyType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * authentik's {@code GeoIPPolicy}: checks where the client IP is, from the request's {@code geoip} and {@code asn}
 * context (filled by the policy engine from the configured MaxMind databases).
 * <ul>
 * <li>{@code asns} / {@code countries}: when either is set, the IP must belong to one of the autonomous systems or
 * lie in one of the countries (either list matching is enough). An IP the database does not know is an error, so the
 * binding's {@code failure_result} applies.</li>
 * <li>{@code check_history_distance} / {@code check_impossible_travel}: compared with each of the user's last
 * {@code history_login_count} logins that have a location; every one must pass ({@link TravelCheck}).</li>
 * </ul>
 * A policy with nothing set passes. The policy only reads; the engine records events.
 */
public final class GeoIpPolicyType implements PolicyType {
    public static final String NAME = "geoip";
    static final String NO_ASN = "GeoIP: client IP not found in ASN database.";
    static final String NO_CITY = "GeoIP: client IP address not found in City database.";
    static final String WRONG_ASN = "Client IP is not part of an allowed autonomous system.";
    static final String WRONG_COUNTRY = "Client IP is not in an allowed country.";
    /** ISO 3166-1 alpha-2 codes, as authentik's country field takes them. */
    static final List<String> COUNTRIES = Arrays.stream(Locale.getISOCountries()).sorted().toList();

    @Override
    public String name() {
        return NAME;
    }

    /** The policy's config as its evaluation reads it. */
    public record Config(List<Integer> asns, List<String> countries, boolean checkHistoryDistance,
                         long historyMaxDistanceKm, int distanceToleranceKm, int historyLoginCount,
                         boolean checkImpossibleTravel, int impossibleToleranceKm) {
        public static final Field<List<Integer>> ASNS = Field.of("asns", Kind.listOf(Kind.INT32)).byDefault(List.of())
                .label("ASNs").help("Autonomous system numbers the client IP may belong to.");
        public static final Field<List<String>> COUNTRIES_FIELD = Field.subsetOf("countries", COUNTRIES)
                .byDefault(List.of()).help("ISO 3166-1 alpha-2 codes of the countries the client IP may be in.");
        public static final Field<Boolean> CHECK_HISTORY_DISTANCE = Field.bool("check_history_distance")
                .byDefault(false).help("Fail when the client is further than the maximum distance from where the "
                        + "user's recent logins came from.");
        public static final Field<Long> HISTORY_MAX_DISTANCE_KM = Field.integer("history_max_distance_km")
                .byDefault(100L).min(0).label("Maximum distance (km)")
                .help("Maximum distance from previous logins, in kilometres.");
        public static final Field<Integer> DISTANCE_TOLERANCE_KM = Field.int32("distance_tolerance_km")
                .byDefault(50).min(0).label("Distance tolerance (km)")
                .help("Added to the maximum distance from previous logins.");
        public static final Field<Integer> HISTORY_LOGIN_COUNT = Field.int32("history_login_count")
                .byDefault(5).min(0).help("How many of the user's most recent logins to compare with.");
        public static final Field<Boolean> CHECK_IMPOSSIBLE_TRAVEL = Field.bool("check_impossible_travel")
                .byDefault(false).help("Fail when reaching the client's location since a recent login would have "
                        + "needed more than 1000 km/h.");
        public static final Field<Integer> IMPOSSIBLE_TOLERANCE_KM = Field.int32("impossible_tolerance_km")
                .byDefault(100).min(0).label("Impossible travel tolerance (km)")
                .help("Added to the distance that could have been travelled since a previous login.");

        public static final Definition<Config> DEFINITION = Definition.define("geoip_policy", "GeoIPPolicy")
                .field(ASNS, COUNTRIES_FIELD, CHECK_HISTORY_DISTANCE, HISTORY_MAX_DISTANCE_KM, DISTANCE_TOLERANCE_KM,
                        HISTORY_LOGIN_COUNT, CHECK_IMPOSSIBLE_TRAVEL, IMPOSSIBLE_TOLERANCE_KM)
                .build(v -> new Config(v.value(ASNS), v.value(COUNTRIES_FIELD), v.value(CHECK_HISTORY_DISTANCE),
                        v.value(HISTORY_MAX_DISTANCE_KM), v.value(DISTANCE_TOLERANCE_KM),
                        v.value(HISTORY_LOGIN_COUNT), v.value(CHECK_IMPOSSIBLE_TRAVEL),
                        v.value(IMPOSSIBLE_TOLERANCE_KM)));
    }

    @Override
    public Definition<Config> config() {
        return Config.DEFINITION;
    }

    @Override
    public PolicyOutcome evaluate(Map<String, Object> config, PolicyRequest request) {
        Config c = Config.DEFINITION.typed(config);
        List<PolicyOutcome.Decided> where = new ArrayList<>();
        if (!c.asns().isEmpty()) {
            Object asn = entry(request, "asn").get("asn");
            if (!(asn instanceof Number n)) {
                return new PolicyOutcome.Error(NO_ASN);
            }
            boolean allowed = c.asns().stream().anyMatch(a -> a.longValue() == n.longValue());
            where.add(allowed ? decided(true) : decided(false, WRONG_ASN));
        }
        if (!c.countries().isEmpty()) {
            Object country = entry(request, "geoip").get("country");
            if (!(country instanceof String code) || code.isEmpty()) {
                return new PolicyOutcome.Error(NO_CITY);
            }
            where.add(c.countries().contains(code) ? decided(true) : decided(false, WRONG_COUNTRY));
        }
        PolicyOutcome.Decided travel = new TravelCheck(c).check(request);
        boolean passing = (where.isEmpty() || where.stream().anyMatch(PolicyOutcome.Decided::passing))
                && travel.passing();
        List<String> messages = new ArrayList<>();
        where.forEach(d -> messages.addAll(d.messages()));
        messages.addAll(travel.messages());
        return new PolicyOutcome.Decided(passing, messages);
    }

    static PolicyOutcome.Decided decided(boolean passing, String... messages) {
        return new PolicyOutcome.Decided(passing, List.of(messages));
    }

    /** A map entry of the request's context ({@code geoip}, {@code asn}); empty when absent or null. */
    static Map<?, ?> entry(PolicyRequest request, String key) {
        return request.context().get(key) instanceof Map<?, ?> m ? m : Map.of();
    }
}
