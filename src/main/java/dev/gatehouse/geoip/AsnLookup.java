package dev.gatehouse.geoip;

import com.maxmind.geoip2.DatabaseReader;
import com.maxmind.geoip2.exception.GeoIp2Exception;
import com.maxmind.geoip2.model.AsnResponse;
import java.io.IOException;
import java.net.InetAddress;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The autonomous system of an IP, from a GeoLite2/GeoIP2 ASN database, in authentik's {@code asn_dict} shape:
 * {@code {"asn": 13030, "as_org": "Init7 (Switzerland) Ltd.", "network": "1.2.3.0/24"}}. Private and unknown
 * addresses give nothing.
 */
public final class AsnLookup {
    private static final Logger LOG = Logger.getLogger(AsnLookup.class.getName());
    private final MmdbFile file;

    public AsnLookup(MmdbFile file) {
        this.file = file;
    }

    public Optional<Map<String, Object>> asn(String ip) {
        Optional<InetAddress> address = IpAddresses.publicAddress(ip);
        Optional<DatabaseReader> reader = file.reader();
        if (address.isEmpty() || reader.isEmpty()) {
            return Optional.empty();
        }
        try {
            return reader.get().tryAsn(address.get()).map(AsnLookup::asnDict);
        } catch (IOException | GeoIp2Exception | RuntimeException e) {
            LOG.log(Level.FINE, "ASN lookup failed", e);
            return Optional.empty();
        }
    }

    static Map<String, Object> asnDict(AsnResponse r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("asn", r.getAutonomousSystemNumber());
        m.put("as_org", r.getAutonomousSystemOrganization());
        m.put("network", r.getNetwork() == null ? null : r.getNetwork().toString());
        return m;
    }
}
