package dev.gatehouse.web.user;

import io.helidon.webserver.http.ServerRequest;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** Reads an {@code application/x-www-form-urlencoded} body (at most 64 KiB; the first value of a name counts). */
final class Forms {
    private static final int MAX_FORM = 64 * 1024;

    private Forms() {
    }

    static Map<String, Object> read(ServerRequest req) throws IOException {
        Map<String, Object> form = new LinkedHashMap<>();
        if (!req.content().hasEntity()) {
            return form;
        }
        byte[] body;
        try (InputStream in = req.content().inputStream()) {
            body = in.readNBytes(MAX_FORM);
        }
        for (String pair : new String(body, StandardCharsets.US_ASCII).split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            try {
                String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                form.putIfAbsent(name, value);
            } catch (IllegalArgumentException e) {
                // a malformed escape: the pair is ignored
            }
        }
        return form;
    }
}
