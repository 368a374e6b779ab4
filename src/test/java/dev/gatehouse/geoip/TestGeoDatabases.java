package dev.gatehouse.geoip;

import dev.gatehouse.core.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Small real MaxMind databases, written at test time by Debian's libmaxmind-db-writer-perl
 * ({@code src/test/resources/geoip/write-mmdb.pl}), and {@code mmdblookup} (Debian's mmdb-bin) to read them
 * independently. The networks are documentation ranges: {@link #BERN} (CH, AS13030), {@link #BERLIN} (DE, AS3320),
 * {@link #NEW_YORK} (US, AS7922); {@link #PRIVATE} is in the City database too, and must still give nothing.
 */
public final class TestGeoDatabases {
    public static final String BERN = "203.0.113.10";
    public static final String BERLIN = "198.51.100.20";
    public static final String NEW_YORK = "192.0.2.30";
    public static final String PRIVATE = "10.1.2.3";
    /** In no database. */
    public static final String UNKNOWN = "100.64.0.1";
    private static final Path SCRIPT = Path.of("src/test/resources/geoip/write-mmdb.pl");

    private TestGeoDatabases() {
    }

    /** A City database: Bern, Berlin, New York (and a private network). */
    public static Path city(Path dir) {
        Map<String, Object> n = new LinkedHashMap<>();
        n.put("203.0.113.0/24", place("EU", "CH", "Switzerland", "Bern", 46.9481, 7.4474));
        n.put("198.51.100.0/24", place("EU", "DE", "Germany", "Berlin", 52.5200, 13.4050));
        n.put("192.0.2.0/24", place("NA", "US", "United States", "New York", 40.7128, -74.0060));
        n.put("10.1.0.0/16", place("EU", "CH", "Switzerland", "Zurich", 47.3769, 8.5417));
        return write(dir.resolve("GeoLite2-City.mmdb"), "GeoLite2-City", n);
    }

    /** A City database in which Bern's network has moved to Austria (Vienna): a new release. */
    public static Path cityMoved(Path dir) {
        Map<String, Object> n = new LinkedHashMap<>();
        n.put("203.0.113.0/24", place("EU", "AT", "Austria", "Vienna", 48.2082, 16.3738));
        return write(dir.resolve("GeoLite2-City-next.mmdb"), "GeoLite2-City", n);
    }

    /** A Country database: only Bern's network, as Switzerland. */
    public static Path country(Path dir) {
        Map<String, Object> ch = new LinkedHashMap<>();
        ch.put("continent", Map.of("code", "EU", "names", Map.of("en", "Europe")));
        ch.put("country", Map.of("iso_code", "CH", "names", Map.of("en", "Switzerland")));
        return write(dir.resolve("GeoLite2-Country.mmdb"), "GeoLite2-Country", Map.of("203.0.113.0/24", ch));
    }

    /** An ASN database for the three networks. */
    public static Path asn(Path dir) {
        Map<String, Object> n = new LinkedHashMap<>();
        n.put("203.0.113.0/24", as(13030, "Init7 (Switzerland) Ltd."));
        n.put("198.51.100.0/24", as(3320, "Deutsche Telekom AG"));
        n.put("192.0.2.0/24", as(7922, "Comcast Cable Communications, LLC"));
        return write(dir.resolve("GeoLite2-ASN.mmdb"), "GeoLite2-ASN", n);
    }

    private static Map<String, Object> place(String continent, String iso, String country, String city, double lat,
                                             double lon) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("continent", Map.of("code", continent));
        m.put("country", Map.of("iso_code", iso, "names", Map.of("en", country)));
        m.put("city", Map.of("names", Map.of("en", city)));
        m.put("location", Map.of("latitude", lat, "longitude", lon));
        return m;
    }

    private static Map<String, Object> as(long number, String org) {
        return Map.of("autonomous_system_number", number, "autonomous_system_organization", org);
    }

    private static Path write(Path out, String type, Map<String, Object> networks) {
        String output = run(List.of("/usr/bin/perl", SCRIPT.toString(), out.toString(), type), Json.write(networks));
        if (!Files.isRegularFile(out)) {
            throw new IllegalStateException("write-mmdb.pl wrote no " + out + ": " + output);
        }
        return out;
    }

    /** What {@code mmdblookup --file db --ip ip path...} prints (its own text format). */
    public static String mmdblookup(Path db, String ip, String... path) {
        List<String> cmd = new java.util.ArrayList<>(List.of("mmdblookup", "--file", db.toString(), "--ip", ip));
        cmd.addAll(List.of(path));
        return run(cmd, null);
    }

    private static String run(List<String> cmd, String stdin) {
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            if (stdin != null) {
                p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
            }
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", cmd) + " failed: " + out);
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
