package dev.gatehouse.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What a handler answers: a status, a body to serialise as JSON ({@code null} = no body), and extra
 * headers (Location, Set-Cookie) for the few resources that need them.
 */
public record ApiResponse(int status, Object body, List<Map.Entry<String, String>> headers) {

    public ApiResponse(int status, Object body) {
        this(status, body, List.of());
    }

    public static ApiResponse ok(Object body) {
        return new ApiResponse(200, body);
    }

    public static ApiResponse created(Object body) {
        return new ApiResponse(201, body);
    }

    public static ApiResponse noContent() {
        return new ApiResponse(204, null);
    }

    public static ApiResponse redirect(String location) {
        return new ApiResponse(302, null, List.of(Map.entry("Location", location)));
    }

    public ApiResponse withHeaders(String name, List<String> values) {
        List<Map.Entry<String, String>> all = new ArrayList<>(headers);
        values.forEach(v -> all.add(Map.entry(name, v)));
        return new ApiResponse(status, body, List.copyOf(all));
    }
}
