package dev.gatehouse.policy.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.geoip.GeoIp;
import dev.gatehouse.geoip.MmdbFile;
import dev.gatehouse.geoip.TestGeoDatabases;
import dev.gatehouse.policy.PolicyRequest;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The engine adds authentik's {@code geoip} and {@code asn} context entries for the client IP, never replacing any. */
class PolicyEngineGeoIpTest {
    @TempDir
    Path dir;

    private static PolicyRequest from(String ip, Map<String, Object> context) {
        return new PolicyRequest(null, ip, PolicyRequest.Http.NONE, context);
    }

    @Test
    @SuppressWarnings("unchecked")
    void fillsGeoipAndAsnForAKnownClientIpOnly() {
        GeoIp geo = new GeoIp(new MmdbFile(TestGeoDatabases.city(dir), "test"),
                new MmdbFile(TestGeoDatabases.asn(dir), "test"));
        PolicyRequest filled = PolicyEngine.withGeoIp(from(TestGeoDatabases.BERLIN, Map.of("x", 1)), geo);
        assertThat(filled.context()).containsKeys("x", "geoip", "asn");
        assertThat((Map<String, Object>) filled.context().get("geoip")).containsEntry("country", "DE").containsEntry("city", "Berlin");
        assertThat((Map<String, Object>) filled.context().get("asn")).containsEntry("asn", 3320L);

        Map<String, Object> given = Map.of("country", "FR");
        PolicyRequest kept = PolicyEngine.withGeoIp(from(TestGeoDatabases.BERLIN, Map.of("geoip", given)), geo);
        assertThat(kept.context().get("geoip")).isEqualTo(given);
        assertThat(kept.context()).containsKey("asn");

        assertThat(PolicyEngine.withGeoIp(from(TestGeoDatabases.PRIVATE, Map.of()), geo).context()).isEmpty();
        assertThat(PolicyEngine.withGeoIp(from(null, Map.of()), geo).context()).isEmpty();
        assertThat(PolicyEngine.withGeoIp(from(TestGeoDatabases.BERLIN, Map.of()), GeoIp.DISABLED).context()).isEmpty();
    }
}
