package dev.gatehouse.geoip;

import static dev.gatehouse.geoip.TestGeoDatabases.BERLIN;
import static dev.gatehouse.geoip.TestGeoDatabases.BERN;
import static dev.gatehouse.geoip.TestGeoDatabases.NEW_YORK;
import static dev.gatehouse.geoip.TestGeoDatabases.PRIVATE;
import static dev.gatehouse.geoip.TestGeoDatabases.UNKNOWN;
import static dev.gatehouse.geoip.TestGeoDatabases.mmdblookup;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real {@code .mmdb} files written by libmaxmind-db-writer-perl, read through MaxMind's Java reader into authentik's
 * {@code city_dict} and {@code asn_dict} shapes, cross-checked against {@code mmdblookup}; and the file reloading
 * (on a controlled clock) when it is replaced, keeping the old copy when the new file is broken.
 */
class MmdbFileTest {
    private static final Pattern VALUE = Pattern.compile("^\\s*\"?([^\"<]*?)\"?\\s*<\\w+>", Pattern.MULTILINE);
    @TempDir
    Path dir;

    private static String value(String mmdblookupOutput) {
        Matcher m = VALUE.matcher(mmdblookupOutput);
        assertThat(m.find()).as("a value in %s", mmdblookupOutput).isTrue();
        return m.group(1).strip();
    }

    @Test
    void cityDictOfACityDatabaseAgreesWithMmdblookup() {
        Path db = TestGeoDatabases.city(dir);
        GeoIpLookup lookup = new GeoIpLookup(new MmdbFile(db, "test"));
        Map<String, Object> bern = lookup.city(BERN).orElseThrow();
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("continent", "EU");
        expected.put("country", "CH");
        expected.put("lat", 46.9481);
        expected.put("long", 7.4474);
        expected.put("city", "Bern");
        assertThat(bern).containsExactlyEntriesOf(expected);

        for (String ip : new String[] {BERN, BERLIN, NEW_YORK}) {
            Map<String, Object> ours = lookup.city(ip).orElseThrow();
            assertThat(ours.get("country")).isEqualTo(value(mmdblookup(db, ip, "country", "iso_code")));
            assertThat(ours.get("continent")).isEqualTo(value(mmdblookup(db, ip, "continent", "code")));
            assertThat(ours.get("city")).isEqualTo(value(mmdblookup(db, ip, "city", "names", "en")));
            assertThat((Double) ours.get("lat"))
                    .isCloseTo(Double.parseDouble(value(mmdblookup(db, ip, "location", "latitude"))), within());
            assertThat((Double) ours.get("long"))
                    .isCloseTo(Double.parseDouble(value(mmdblookup(db, ip, "location", "longitude"))), within());
        }
        assertThat(lookup.city(NEW_YORK).orElseThrow()).containsEntry("country", "US").containsEntry("city", "New York");
    }

    private static org.assertj.core.data.Offset<Double> within() {
        return org.assertj.core.data.Offset.offset(1e-6);
    }

    @Test
    void privateUnknownAndMalformedAddressesGiveNothing() {
        Path db = TestGeoDatabases.city(dir);
        GeoIpLookup lookup = new GeoIpLookup(new MmdbFile(db, "test"));
        assertThat(value(mmdblookup(db, PRIVATE, "country", "iso_code"))).as("the file lists the private network")
                .isEqualTo("CH");
        assertThat(lookup.city(PRIVATE)).as("private").isEmpty();
        assertThat(lookup.city("127.0.0.1")).isEmpty();
        assertThat(lookup.city("::1")).isEmpty();
        assertThat(lookup.city(UNKNOWN)).as("not in the database").isEmpty();
        assertThat(lookup.city("2001:db8::1")).isEmpty();
        assertThat(lookup.city("not-an-ip")).isEmpty();
        assertThat(lookup.city("example.org")).as("never resolved").isEmpty();
        assertThat(lookup.city(null)).isEmpty();
        assertThat(lookup.city("::ffff:203.0.113.10")).as("IPv4-mapped").hasValueSatisfying(m ->
                assertThat(m).containsEntry("country", "CH"));
    }

    @Test
    void aCountryDatabaseGivesCountryAndContinentWithoutCoordinates() {
        GeoIpLookup lookup = new GeoIpLookup(new MmdbFile(TestGeoDatabases.country(dir), "test"));
        Map<String, Object> bern = lookup.city(BERN).orElseThrow();
        assertThat(bern).containsEntry("continent", "EU").containsEntry("country", "CH").containsEntry("city", "")
                .containsEntry("lat", null).containsEntry("long", null);
        assertThat(lookup.city(BERLIN)).isEmpty();
    }

    @Test
    void asnDictAgreesWithMmdblookup() {
        Path db = TestGeoDatabases.asn(dir);
        AsnLookup lookup = new AsnLookup(new MmdbFile(db, "test"));
        assertThat(lookup.asn(BERN).orElseThrow()).containsExactlyEntriesOf(new LinkedHashMap<>(Map.of()) {
            {
                put("asn", 13030L);
                put("as_org", "Init7 (Switzerland) Ltd.");
                put("network", "203.0.113.0/24");
            }
        });
        for (String ip : new String[] {BERN, BERLIN, NEW_YORK}) {
            Map<String, Object> ours = lookup.asn(ip).orElseThrow();
            assertThat(String.valueOf(ours.get("asn")))
                    .isEqualTo(value(mmdblookup(db, ip, "autonomous_system_number")));
            assertThat(ours.get("as_org")).isEqualTo(value(mmdblookup(db, ip, "autonomous_system_organization")));
        }
        assertThat(lookup.asn(UNKNOWN)).isEmpty();
        assertThat(lookup.asn(PRIVATE)).isEmpty();
    }

    @Test
    void aReplacedFileIsReadAfterTheCheckIntervalAndABrokenOneKeepsTheOld() throws IOException {
        Path live = dir.resolve("live.mmdb");
        Files.copy(TestGeoDatabases.city(dir), live);
        Path moved = TestGeoDatabases.cityMoved(dir);
        AtomicLong clock = new AtomicLong(1_000_000_000L);
        MmdbFile file = new MmdbFile(live, "test", Duration.ofSeconds(5), clock::get);
        GeoIpLookup lookup = new GeoIpLookup(file);
        assertThat(lookup.city(BERN).orElseThrow()).containsEntry("country", "CH");

        replace(moved, live);
        assertThat(lookup.city(BERN).orElseThrow()).as("within the check interval").containsEntry("country", "CH");
        clock.addAndGet(Duration.ofSeconds(5).toNanos());
        assertThat(lookup.city(BERN).orElseThrow()).as("after it").containsEntry("country", "AT")
                .containsEntry("city", "Vienna");
        assertThat(lookup.city(BERLIN)).as("the new release no longer lists Berlin").isEmpty();

        Path broken = dir.resolve("broken.mmdb");
        Files.writeString(broken, "this is not a MaxMind database, but it is long enough to be read as one".repeat(20));
        replace(broken, live);
        clock.addAndGet(Duration.ofSeconds(5).toNanos());
        assertThat(lookup.city(BERN).orElseThrow()).as("a broken file keeps the old copy").containsEntry("country", "AT");

        Files.copy(TestGeoDatabases.city(dir), dir.resolve("again.mmdb"));
        replace(dir.resolve("again.mmdb"), live);
        clock.addAndGet(Duration.ofSeconds(5).toNanos());
        assertThat(lookup.city(BERN).orElseThrow()).as("a good file after the broken one").containsEntry("country", "CH");
    }

    @Test
    void aFileMissingAtStartIsLoadedOnceItAppears() throws IOException {
        Path live = dir.resolve("later.mmdb");
        AtomicLong clock = new AtomicLong();
        MmdbFile file = new MmdbFile(live, "test", Duration.ofSeconds(5), clock::get);
        GeoIpLookup lookup = new GeoIpLookup(file);
        assertThat(lookup.city(BERN)).isEmpty();
        assertThat(file.databaseType()).isEmpty();
        replace(TestGeoDatabases.city(dir), live);
        clock.addAndGet(Duration.ofSeconds(5).toNanos());
        assertThat(lookup.city(BERN).orElseThrow()).containsEntry("country", "CH");
        assertThat(file.databaseType()).contains("GeoLite2-City");
    }

    @Test
    @SuppressWarnings("unchecked")
    void eventContextGetsGeoAndAsnButKeepsWhatTheCallerPut() {
        GeoIp geo = new GeoIp(new MmdbFile(TestGeoDatabases.city(dir), "test"),
                new MmdbFile(TestGeoDatabases.asn(dir), "test"));
        Map<String, Object> ctx = new LinkedHashMap<>();
        geo.enrich(BERLIN, ctx);
        assertThat(ctx.keySet()).containsExactly("geo", "asn");
        assertThat((Map<String, Object>) ctx.get("geo")).containsEntry("country", "DE");
        assertThat((Map<String, Object>) ctx.get("asn")).containsEntry("asn", 3320L);

        Map<String, Object> given = new LinkedHashMap<>(Map.of("geo", Map.of("country", "FR")));
        geo.enrich(BERLIN, given);
        assertThat((Map<String, Object>) given.get("geo")).containsEntry("country", "FR");
        Map<String, Object> none = new LinkedHashMap<>();
        geo.enrich(PRIVATE, none);
        assertThat(none).isEmpty();
        assertThat(GeoIp.DISABLED.enabled()).isFalse();
    }

    private static void replace(Path from, Path to) throws IOException {
        Path tmp = to.resolveSibling(to.getFileName() + ".tmp");
        Files.copy(from, tmp, StandardCopyOption.REPLACE_EXISTING);
        Files.move(tmp, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
