package dev.gatehouse.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Typed configuration, parsed once at start-up. Every parse error is a {@link ConfigException}
 * naming the key, so the server can stop with one clear line.
 */
public record GatehouseConfig(
        Path dataDir,
        Optional<String> secretKey,
        Optional<PostgresSettings> postgres,
        ListenAddress http,
        ListenAddress https,
        ListenAddress ldap,
        ListenAddress ldaps,
        ListenAddress radius,
        List<Cidr> trustedProxies,
        String logLevel,
        String logFormat,
        Optional<String> cookieDomain,
        Optional<String> bootstrapPassword,
        Optional<String> bootstrapToken,
        Optional<String> bootstrapEmail,
        EmailSettings email,
        Optional<String> externalUrl,
        boolean trustedProxiesBuiltIn,
        LdapLimits ldapLimits,
        GeoIpSettings geoIp,
        boolean nativeCrypto,
        java.net.URI hibpUrl) {

    /** Loopback and every private range: believed when GATEHOUSE_LISTEN__TRUSTED_PROXY_CIDRS is not set. */
    public static final String DEFAULT_TRUSTED_PROXIES =
            "127.0.0.0/8,10.0.0.0/8,172.16.0.0/12,192.168.0.0/16,fe80::/10,::1/128";
    private static final Set<String> LOG_LEVELS = Set.of("trace", "debug", "info", "warning", "error");
    private static final Set<String> SSL_MODES =
            Set.of("disable", "allow", "prefer", "require", "verify-ca", "verify-full");

    public static GatehouseConfig from(ConfigSource src) {
        Path dataDir = Path.of(src.get("data_dir", "./data")).toAbsolutePath().normalize();
        Optional<PostgresSettings> pg = src.get("postgresql.host").map(host -> new PostgresSettings(
                host,
                port(src, "postgresql.port", "5432"),
                src.get("postgresql.name", "authentik"),
                src.get("postgresql.user", "authentik"),
                src.get("postgresql.password", ""),
                oneOf(src, "postgresql.sslmode", "prefer", SSL_MODES)));
        List<Cidr> trusted = new ArrayList<>();
        String cidrKey = "listen.trusted_proxy_cidrs";
        boolean builtIn = src.get(cidrKey).isEmpty();
        for (String part : src.get(cidrKey, DEFAULT_TRUSTED_PROXIES).split(",")) {
            if (!part.isBlank()) {
                trusted.add(Cidr.parse(ConfigSource.envName(cidrKey), part));
            }
        }
        String logLevel = oneOf(src, "log_level", "info", LOG_LEVELS);
        String logFormat = oneOf(src, "log.format", "text", Set.of("text", "json"));
        EmailSettings email = new EmailSettings(
                src.get("email.host", "localhost"),
                port(src, "email.port", "25"),
                src.get("email.username", ""),
                src.get("email.password", ""),
                bool(src, "email.use_tls", false),
                bool(src, "email.use_ssl", false),
                integer(src, "email.timeout", "10"),
                src.get("email.from", "authentik@localhost"));
        return new GatehouseConfig(
                dataDir,
                src.get("secret_key"),
                pg,
                listen(src, "listen.http", "0.0.0.0:9000"),
                listen(src, "listen.https", "0.0.0.0:9443"),
                listen(src, "listen.ldap", "0.0.0.0:3389"),
                listen(src, "listen.ldaps", "0.0.0.0:6636"),
                listen(src, "listen.radius", "0.0.0.0:1812"),
                List.copyOf(trusted),
                logLevel,
                logFormat,
                src.get("cookie_domain"),
                src.get("bootstrap_password"),
                src.get("bootstrap_token"),
                src.get("bootstrap_email"),
                email,
                externalUrl(src, "external_url"),
                builtIn,
                new LdapLimits(
                        nonNegative(src, "ldap.idle_timeout_seconds",
                                String.valueOf(LdapLimits.DEFAULT.idleTimeoutSeconds())),
                        nonNegative(src, "ldap.max_connections_per_ip",
                                String.valueOf(LdapLimits.DEFAULT.maxConnectionsPerIp()))),
                GeoIpSettings.from(src),
                bool(src, "crypto.native", true),
                httpUrl(src, "policies.hibp_url", DEFAULT_HIBP_URL));
    }

    /** Have I Been Pwned's Pwned Passwords API, asked by password policies with check_have_i_been_pwned. */
    public static final String DEFAULT_HIBP_URL = "https://api.pwnedpasswords.com";

    /** An absolute http(s) URL with a host and no query or fragment (a base others append paths to). */
    private static java.net.URI httpUrl(ConfigSource src, String key, String fallback) {
        String v = src.get(key, fallback).strip();
        java.net.URI u;
        try {
            u = new java.net.URI(v);
        } catch (java.net.URISyntaxException e) {
            throw new ConfigException(ConfigSource.envName(key), "\"" + v + "\" is not a URL");
        }
        String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || u.getHost() == null || u.getRawUserInfo() != null
                || u.getRawQuery() != null || u.getRawFragment() != null) {
            throw new ConfigException(ConfigSource.envName(key), "\"" + v + "\" is not an http(s) URL with a host");
        }
        return u;
    }

    /**
     * The URL browsers reach this server at ({@code https://auth.example.org}): an absolute http(s) URL without
     * path, query or fragment (Gatehouse serves from the root). Returned as {@code scheme://authority}.
     */
    private static Optional<String> externalUrl(ConfigSource src, String key) {
        Optional<String> value = src.get(key).map(String::strip).filter(v -> !v.isEmpty());
        if (value.isEmpty()) {
            return Optional.empty();
        }
        String v = value.get();
        java.net.URI u;
        try {
            u = new java.net.URI(v);
        } catch (java.net.URISyntaxException e) {
            throw new ConfigException(ConfigSource.envName(key), "\"" + v + "\" is not a URL");
        }
        String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || u.getHost() == null || u.getRawUserInfo() != null) {
            throw new ConfigException(ConfigSource.envName(key), "\"" + v + "\" is not an http(s) URL with a host");
        }
        if (!(u.getRawPath() == null || u.getRawPath().isEmpty() || u.getRawPath().equals("/"))
                || u.getRawQuery() != null || u.getRawFragment() != null) {
            throw new ConfigException(ConfigSource.envName(key),
                    "\"" + v + "\" must be scheme and host only (Gatehouse is served from the root)");
        }
        return Optional.of(scheme + "://" + u.getRawAuthority().toLowerCase(Locale.ROOT));
    }

    private static int nonNegative(ConfigSource src, String key, String fallback) {
        int n = integer(src, key, fallback);
        if (n < 0) {
            throw new ConfigException(ConfigSource.envName(key), n + " is negative");
        }
        return n;
    }

    public boolean embedded() {
        return postgres.isEmpty();
    }

    private static ListenAddress listen(ConfigSource src, String key, String fallback) {
        return ListenAddress.parse(ConfigSource.envName(key), src.get(key, fallback));
    }

    private static int port(ConfigSource src, String key, String fallback) {
        int p = integer(src, key, fallback);
        if (p < 1 || p > 65535) {
            throw new ConfigException(ConfigSource.envName(key), "port " + p + " is out of range 1-65535");
        }
        return p;
    }

    private static int integer(ConfigSource src, String key, String fallback) {
        String v = src.get(key, fallback);
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new ConfigException(ConfigSource.envName(key), "\"" + v + "\" is not a number");
        }
    }

    private static boolean bool(ConfigSource src, String key, boolean fallback) {
        String v = src.get(key, Boolean.toString(fallback)).toLowerCase(Locale.ROOT);
        return switch (v) {
            case "true", "yes", "1", "on" -> true;
            case "false", "no", "0", "off" -> false;
            default -> throw new ConfigException(ConfigSource.envName(key), "\"" + v + "\" is not true or false");
        };
    }

    private static String oneOf(ConfigSource src, String key, String fallback, Set<String> allowed) {
        String v = src.get(key, fallback).toLowerCase(Locale.ROOT);
        if (!allowed.contains(v)) {
            throw new ConfigException(ConfigSource.envName(key),
                    "\"" + v + "\" is not one of " + String.join(", ", allowed.stream().sorted().toList()));
        }
        return v;
    }
}
