package dev.gatehouse.web;

import io.helidon.webserver.http.ServerRequest;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An {@code application/x-www-form-urlencoded} body with every value of each name, in order (a multiple select
 * sends one name several times). Bodies are read up to {@link #MAX} bytes.
 */
public final class FormData {
    public static final int MAX = 256 * 1024;
    /** The limit of a flow page's or a settings form's body: they hold a few short fields. */
    public static final int FLOW_MAX = 64 * 1024;
    private final Map<String, List<String>> values;

    private FormData(Map<String, List<String>> values) {
        this.values = values;
    }

    public static FormData read(ServerRequest req) throws IOException {
        return read(req, MAX);
    }

    /** The body, read up to {@code max} bytes (what lies beyond is not read). */
    public static FormData read(ServerRequest req, int max) throws IOException {
        if (!req.content().hasEntity()) {
            return parse("");
        }
        try (InputStream in = req.content().inputStream()) {
            return parse(new String(in.readNBytes(max), StandardCharsets.US_ASCII));
        }
    }

    public static FormData parse(String body) {
        Map<String, List<String>> values = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            try {
                String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                values.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
            } catch (IllegalArgumentException e) {
                // a malformed escape: the pair is ignored, as a browser never sends one
            }
        }
        return new FormData(values);
    }

    /** The first value of {@code name}, or null. */
    public String first(String name) {
        List<String> v = values.get(name);
        return v == null || v.isEmpty() ? null : v.getFirst();
    }

    /** The first value of {@code name}, or {@code fallback}. */
    public String first(String name, String fallback) {
        String v = first(name);
        return v == null ? fallback : v;
    }

    public List<String> all(String name) {
        return values.getOrDefault(name, List.of());
    }

    public boolean has(String name) {
        return values.containsKey(name);
    }

    /** First values by name (what a flow page's fields need). */
    public Map<String, Object> firstValues() {
        Map<String, Object> out = new LinkedHashMap<>();
        values.forEach((k, v) -> out.put(k, v.getFirst()));
        return out;
    }
}
