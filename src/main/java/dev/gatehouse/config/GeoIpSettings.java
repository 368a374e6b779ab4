package dev.gatehouse.config;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Where the MaxMind databases are ({@code EVENTS__CONTEXT_PROCESSORS__GEOIP} and {@code __ASN}, authentik's
 * {@code events.context_processors.geoip} and {@code asn}): a GeoLite2/GeoIP2 City or Country database and an ASN
 * database, each a {@code .mmdb} path. An empty or absent path turns that lookup off.
 */
public record GeoIpSettings(Optional<Path> geoip, Optional<Path> asn) {
    public static final String GEOIP_KEY = "events.context_processors.geoip";
    public static final String ASN_KEY = "events.context_processors.asn";
    public static final GeoIpSettings DISABLED = new GeoIpSettings(Optional.empty(), Optional.empty());

    static GeoIpSettings from(ConfigSource src) {
        return new GeoIpSettings(path(src, GEOIP_KEY), path(src, ASN_KEY));
    }

    private static Optional<Path> path(ConfigSource src, String key) {
        return src.get(key).map(String::strip).filter(v -> !v.isEmpty()).map(Path::of);
    }
}
