package dev.gatehouse.config;

/** A listen address written {@code host:port} ({@code [::1]:9000} for IPv6); port 0 picks a free port. */
public record ListenAddress(String host, int port) {

    public static ListenAddress parse(String key, String value) {
        String v = value.trim();
        int colon = v.lastIndexOf(':');
        if (colon < 0) {
            throw new ConfigException(key, "\"" + value + "\" is not host:port (for example 0.0.0.0:9000)");
        }
        String host = v.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        if (host.isEmpty()) {
            host = "0.0.0.0";
        }
        int port;
        try {
            port = Integer.parseInt(v.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new ConfigException(key, "port in \"" + value + "\" is not a number");
        }
        if (port < 0 || port > 65535) {
            throw new ConfigException(key, "port " + port + " is out of range 0-65535");
        }
        return new ListenAddress(host, port);
    }

    @Override
    public String toString() {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
}
