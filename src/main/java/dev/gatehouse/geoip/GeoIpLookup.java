package dev.gatehouse.geoip;

import com.maxmind.geoip2.DatabaseReader;
import com.maxmind.geoip2.exception.GeoIp2Exception;
import com.maxmind.geoip2.model.AbstractCountryResponse;
import com.maxmind.geoip2.model.CityResponse;
import com.maxmind.geoip2.record.Location;
import java.io.IOException;
import java.net.InetAddress;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Where an IP is, from a GeoLite2/GeoIP2 City or Country database, in authentik's {@code city_dict} shape:
 * {@code {"continent": "EU", "country": "CH", "lat": 46.9481, "long": 7.4474, "city": "Bern"}}. A Country database
 * gives no coordinates ({@code lat}/{@code long} null) and an empty city. Private and unknown addresses give nothing.
 */
public final class GeoIpLookup {
    private static final Logger LOG = Logger.getLogger(GeoIpLookup.class.getName());
    private final MmdbFile file;

    public GeoIpLookup(MmdbFile file) {
        this.file = file;
    }

    public Optional<Map<String, Object>> city(String ip) {
        Optional<InetAddress> address = IpAddresses.publicAddress(ip);
        Optional<DatabaseReader> reader = file.reader();
        if (address.isEmpty() || reader.isEmpty()) {
            return Optional.empty();
        }
        try {
            boolean city = reader.get().getMetadata().getDatabaseType().contains("City");
            Optional<? extends AbstractCountryResponse> found = city ? reader.get().tryCity(address.get())
                    : reader.get().tryCountry(address.get());
            return found.map(GeoIpLookup::cityDict);
        } catch (IOException | GeoIp2Exception | RuntimeException e) {
            LOG.log(Level.FINE, "GeoIP lookup failed", e);
            return Optional.empty();
        }
    }

    static Map<String, Object> cityDict(AbstractCountryResponse r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("continent", r.getContinent().getCode());
        m.put("country", r.getCountry().getIsoCode());
        Location location = r instanceof CityResponse c ? c.getLocation() : null;
        m.put("lat", location == null ? null : location.getLatitude());
        m.put("long", location == null ? null : location.getLongitude());
        String name = r instanceof CityResponse c ? c.getCity().getName() : null;
        m.put("city", name == null ? "" : name);
        return m;
    }
}
