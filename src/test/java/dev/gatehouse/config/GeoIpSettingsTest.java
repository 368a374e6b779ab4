package dev.gatehouse.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The MaxMind database paths: authentik's {@code events.context_processors.geoip} / {@code asn}, in every spelling. */
class GeoIpSettingsTest {
    @TempDir
    Path dir;

    private static GeoIpSettings fromEnv(Map<String, String> env) {
        return GatehouseConfig.from(ConfigSource.load(env, null)).geoIp();
    }

    @Test
    void offUnlessAPathIsGiven() {
        assertThat(fromEnv(Map.of())).isEqualTo(GeoIpSettings.DISABLED);
        assertThat(fromEnv(Map.of("GATEHOUSE_EVENTS__CONTEXT_PROCESSORS__GEOIP", "  ",
                "GATEHOUSE_EVENTS__CONTEXT_PROCESSORS__ASN", ""))).isEqualTo(GeoIpSettings.DISABLED);
    }

    @Test
    void gatehouseAndAuthentikEnvironmentAndTheYamlFile() throws Exception {
        GeoIpSettings s = fromEnv(Map.of("GATEHOUSE_EVENTS__CONTEXT_PROCESSORS__GEOIP", "/geoip/GeoLite2-City.mmdb",
                "AUTHENTIK_EVENTS__CONTEXT_PROCESSORS__ASN", "/geoip/GeoLite2-ASN.mmdb"));
        assertThat(s.geoip()).contains(Path.of("/geoip/GeoLite2-City.mmdb"));
        assertThat(s.asn()).contains(Path.of("/geoip/GeoLite2-ASN.mmdb"));
        assertThat(fromEnv(Map.of("AUTHENTIK_EVENTS__CONTEXT_PROCESSORS__GEOIP", "/a.mmdb",
                "GATEHOUSE_EVENTS__CONTEXT_PROCESSORS__GEOIP", "/b.mmdb")).geoip()).as("GATEHOUSE_ wins")
                .contains(Path.of("/b.mmdb"));

        Path yaml = dir.resolve("config.yml");
        Files.writeString(yaml, "events:\n  context_processors:\n    geoip: /srv/City.mmdb\n    asn: \"\"\n");
        GeoIpSettings fromFile = GatehouseConfig.from(ConfigSource.load(Map.of(), yaml)).geoIp();
        assertThat(fromFile.geoip()).contains(Path.of("/srv/City.mmdb"));
        assertThat(fromFile.asn()).isEmpty();
    }
}
