package dev.gatehouse.provider.proxy;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * How a proxy provider protects its application (CONTRACT.md "Forward auth / proxy provider"): Gatehouse
 * reverse-proxies to the internal host itself ({@code proxy}), or a reverse proxy asks it per request for one
 * host ({@code forward_single}) or for every host under a cookie domain ({@code forward_domain}).
 */
public enum ProxyMode implements dev.gatehouse.definition.Choice {
    PROXY, FORWARD_SINGLE, FORWARD_DOMAIN;

    public static final List<String> WIRE = Arrays.stream(values()).map(ProxyMode::wire).toList();

    @Override
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<ProxyMode> of(String wire) {
        return Arrays.stream(values()).filter(m -> m.wire().equals(wire)).findFirst();
    }
}
