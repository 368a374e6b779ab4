package dev.gatehouse.geoip;

import dev.gatehouse.config.GeoIpSettings;
import dev.gatehouse.core.EventContextProcessor;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The configured GeoIP and ASN lookups of this process (authentik's GeoIP and ASN context processors). Policies see
 * them as {@code context["geoip"]} and {@code context["asn"]}; events get them as {@code context["geo"]} (authentik's
 * key, kept for compatibility) and {@code context["asn"]}. Either lookup may be off. {@link #install} makes one the
 * process's lookups at start-up, for the policy engine and the event log.
 */
public final class GeoIp implements EventContextProcessor {
    /** The keys of a policy request's context. */
    public static final String REQUEST_GEOIP = "geoip";
    public static final String REQUEST_ASN = "asn";
    /** The keys of an event's context. */
    public static final String EVENT_GEO = "geo";
    public static final String EVENT_ASN = "asn";
    public static final GeoIp DISABLED = new GeoIp(null, null);
    private static final AtomicReference<GeoIp> INSTALLED = new AtomicReference<>(DISABLED);

    private final GeoIpLookup city;
    private final AsnLookup asn;

    /** Lookups over the given files; a null file turns that lookup off. */
    public GeoIp(MmdbFile cityFile, MmdbFile asnFile) {
        this.city = cityFile == null ? null : new GeoIpLookup(cityFile);
        this.asn = asnFile == null ? null : new AsnLookup(asnFile);
    }

    /** Opens the configured databases; a missing or broken file is a warning and leaves that lookup off for now. */
    public static GeoIp open(GeoIpSettings settings) {
        return new GeoIp(settings.geoip().map(p -> new MmdbFile(p, "GATEHOUSE_EVENTS__CONTEXT_PROCESSORS__GEOIP"))
                .orElse(null),
                settings.asn().map(p -> new MmdbFile(p, "GATEHOUSE_EVENTS__CONTEXT_PROCESSORS__ASN")).orElse(null));
    }

    /** The process's lookups; {@link #DISABLED} until {@link #install}. */
    public static GeoIp installed() {
        return INSTALLED.get();
    }

    /** Makes {@code geo} the process's lookups, for policies and events. */
    public static void install(GeoIp geo) {
        INSTALLED.set(geo);
        EventContextProcessor.install(geo);
    }

    /** Turns {@code geo} off again if it is still the installed one (at shutdown). */
    public static void uninstall(GeoIp geo) {
        if (INSTALLED.compareAndSet(geo, DISABLED)) {
            EventContextProcessor.uninstall(geo);
        }
    }

    public boolean enabled() {
        return city != null || asn != null;
    }

    /** authentik's {@code city_dict} of an IP; empty when off, private or unknown. */
    public Optional<Map<String, Object>> city(String ip) {
        return city == null ? Optional.empty() : city.city(ip);
    }

    /** authentik's {@code asn_dict} of an IP; empty when off, private or unknown. */
    public Optional<Map<String, Object>> asn(String ip) {
        return asn == null ? Optional.empty() : asn.asn(ip);
    }

    @Override
    public void enrich(String clientIp, Map<String, Object> context) {
        if (!context.containsKey(EVENT_GEO)) {
            city(clientIp).ifPresent(c -> context.put(EVENT_GEO, c));
        }
        if (!context.containsKey(EVENT_ASN)) {
            asn(clientIp).ifPresent(a -> context.put(EVENT_ASN, a));
        }
    }
}
