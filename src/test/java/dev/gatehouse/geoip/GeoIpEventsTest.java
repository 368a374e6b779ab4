package dev.gatehouse.geoip;

import static dev.gatehouse.api.ApiTestSupport.ADMIN;
import static dev.gatehouse.api.ApiTestSupport.expect;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.core.Actor;
import dev.gatehouse.core.Event;
import dev.gatehouse.core.EventContextProcessor;
import dev.gatehouse.core.EventLog;
import dev.gatehouse.testing.TestServer;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Every event recorded for a client IP carries {@code geo} and {@code asn} when the databases are configured (a
 * server started with them installs its lookups for the process, and removes them when it stops); without them, or
 * for addresses the databases do not know, the context is as the caller wrote it.
 */
class GeoIpEventsTest {
    @TempDir
    Path dir;

    @Test
    void eventsForAClientIpCarryGeoAndAsnWhileTheServerRuns() {
        Map<String, String> config = Map.of(
                "events.context_processors.geoip", TestGeoDatabases.city(dir).toString(),
                "events.context_processors.asn", TestGeoDatabases.asn(dir).toString());
        try (TestServer server = TestServer.start(config)) {
            assertThat(GeoIp.installed().enabled()).isTrue();
            Event e = server.gatehouse().database().tx(dsl -> EventLog.record(dsl, "custom_geo_test",
                    new Actor(null, TestGeoDatabases.NEW_YORK), Map.of("note", "from New York")));
            assertThat(e.context()).containsEntry("note", "from New York").containsKeys("geo", "asn");

            JsonNode stored = expect(server.get("/api/v3/events/events/" + e.pk() + "/", ADMIN), 200);
            assertThat(stored.get("context").get("note").asString()).isEqualTo("from New York");
            JsonNode geo = stored.get("context").get("geo");
            assertThat(geo.get("country").asString()).isEqualTo("US");
            assertThat(geo.get("continent").asString()).isEqualTo("NA");
            assertThat(geo.get("city").asString()).isEqualTo("New York");
            assertThat(geo.get("lat").asDouble()).isEqualTo(40.7128);
            assertThat(geo.get("long").asDouble()).isEqualTo(-74.006);
            assertThat(stored.get("context").get("asn").get("asn").asLong()).isEqualTo(7922);
            assertThat(stored.get("context").get("asn").get("as_org").asString())
                    .isEqualTo("Comcast Cable Communications, LLC");

            Event unknown = server.gatehouse().database().tx(dsl -> EventLog.record(dsl, "custom_geo_test",
                    new Actor(null, TestGeoDatabases.UNKNOWN), Map.of()));
            assertThat(unknown.context()).isEmpty();
            Event system = server.gatehouse().database().tx(dsl -> EventLog.record(dsl, "custom_geo_test",
                    Actor.SYSTEM, Map.of()));
            assertThat(system.context()).isEmpty();
        }
        assertThat(GeoIp.installed()).as("stopped").isSameAs(GeoIp.DISABLED);
        assertThat(EventContextProcessor.installed()).isSameAs(EventContextProcessor.NONE);
    }

    @Test
    void withoutDatabasesEventsAreAsWritten() {
        try (TestServer server = TestServer.start()) {
            assertThat(GeoIp.installed().enabled()).isFalse();
            Event e = server.gatehouse().database().tx(dsl -> EventLog.record(dsl, "custom_geo_test",
                    new Actor(null, TestGeoDatabases.BERN), Map.of("note", "x")));
            assertThat(e.context()).containsExactlyEntriesOf(Map.of("note", "x"));
        }
    }

    @Test
    void aMissingDatabaseFileIsAWarningAndLeavesLookupsOff() {
        try (TestServer server = TestServer.start(Map.of("events.context_processors.geoip",
                dir.resolve("missing.mmdb").toString()))) {
            Event e = server.gatehouse().database().tx(dsl -> EventLog.record(dsl, "custom_geo_test",
                    new Actor(null, TestGeoDatabases.BERN), Map.of()));
            assertThat(e.context()).isEmpty();
            assertThat(server.get("/-/health/live/", null).statusCode()).isEqualTo(200);
        }
    }
}
