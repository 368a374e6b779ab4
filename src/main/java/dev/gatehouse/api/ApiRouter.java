package dev.gatehouse.api;

import dev.gatehouse.core.ApiPrincipal;
import dev.gatehouse.core.Json;
import dev.gatehouse.core.errors.NotFoundException;
import dev.gatehouse.core.PermissionDeniedException;
import dev.gatehouse.core.errors.ValidationException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jooq.exception.IntegrityConstraintViolationException;

/**
 * Dispatches {@code /api/v3/...}: finds the route, authenticates, checks access, runs the handler and maps
 * every outcome to the wire in one place ({@code {"detail": ...}} or {@code {field: [...]}}).
 * Internal errors are logged with their cause and reach the client only as a generic 500.
 */
public final class ApiRouter {
    public static final String PREFIX = "/api/v3/";
    private static final Logger LOG = Logger.getLogger(ApiRouter.class.getName());
    private static final Pattern CONSTRAINT = Pattern.compile("uq_(?:core|flows|policies|crypto)_[a-z]+?_(username|name|slug|identifier|provider|domain|key_hash|uuid|order)",
            Pattern.CASE_INSENSITIVE);

    private final List<ApiRoute> routes = new ArrayList<>();
    private final List<ApiAuthenticator> authenticators;

    public ApiRouter(List<ApiAuthenticator> authenticators) {
        this.authenticators = List.copyOf(authenticators);
    }

    public void add(ApiRoute route) {
        routes.add(route);
    }

    public List<ApiRoute> routes() {
        return List.copyOf(routes);
    }

    /** A matched route with its path parameters, or the methods the path allows when none matched. */
    public record Match(ApiRoute route, Map<String, String> params, Set<String> allowed) {
    }

    public Match match(String method, String relativePath) {
        String[] parts = relativePath.replaceAll("^/+|/+$", "").split("/", -1);
        Set<String> allowed = new LinkedHashSet<>();
        for (ApiRoute r : routes) {
            String[] segs = r.segments();
            if (segs.length != parts.length) {
                continue;
            }
            Map<String, String> params = new LinkedHashMap<>();
            boolean ok = true;
            for (int i = 0; i < segs.length && ok; i++) {
                if (segs[i].startsWith("{")) {
                    if (parts[i].isEmpty()) {
                        ok = false;
                    } else {
                        params.put(segs[i].substring(1, segs[i].length() - 1), parts[i]);
                    }
                } else {
                    ok = segs[i].equals(parts[i]);
                }
            }
            if (!ok) {
                continue;
            }
            if (r.method().equals(method)) {
                return new Match(r, params, allowed);
            }
            allowed.add(r.method());
        }
        return new Match(null, Map.of(), allowed);
    }

    /** Runs a matched call; never throws. */
    public ApiResponse execute(ApiRoute route, ApiRequest request) {
        try {
            if (route.access() != Access.PUBLIC) {
                ApiPrincipal principal = authenticate(request)
                        .orElseThrow(() -> ApiException.unauthenticated("Authentication credentials were not provided."));
                request.principal(principal);
                if (route.access() == Access.SUPERUSER && !principal.superuser()) {
                    throw ApiException.forbidden();
                }
            }
            return route.handler().handle(request);
        } catch (RuntimeException e) {
            return error(e, route);
        }
    }

    private Optional<ApiPrincipal> authenticate(ApiRequest request) {
        for (ApiAuthenticator a : authenticators) {
            Optional<ApiPrincipal> p = a.authenticate(request);
            if (p.isPresent()) {
                return p;
            }
        }
        return Optional.empty();
    }

    static ApiResponse error(RuntimeException e, ApiRoute route) {
        return switch (e) {
            case ValidationException v -> new ApiResponse(400, v.errors());
            case NotFoundException n -> detail(404, n.getMessage());
            case PermissionDeniedException p -> detail(403, p.getMessage());
            case ApiException a -> detail(a.status(), a.getMessage());
            case IntegrityConstraintViolationException i -> conflict(i);
            case RuntimeException o when dev.gatehouse.store.DatabaseAvailability.isOutage(o) -> new ApiResponse(503,
                    Map.of("detail", "The database is unavailable; try again shortly."),
                    List.of(Map.entry("Retry-After", "2")));
            default -> {
                LOG.log(Level.SEVERE, "API " + route.method() + " " + route.template() + " failed", e);
                yield detail(500, "Internal server error.");
            }
        };
    }

    /** A unique constraint hit by a concurrent write: answered like the validator's own check. */
    private static ApiResponse conflict(IntegrityConstraintViolationException e) {
        Matcher m = CONSTRAINT.matcher(String.valueOf(e.getMessage()));
        String field = m.find() ? m.group(1).toLowerCase(java.util.Locale.ROOT) : "non_field_errors";
        LOG.log(Level.FINE, "constraint violation", e);
        return new ApiResponse(400, Map.of(field, List.of("This field must be unique.")));
    }

    public static ApiResponse detail(int status, String message) {
        return new ApiResponse(status, Map.of("detail", message));
    }

    public static byte[] serialize(ApiResponse r) {
        return r.body() == null ? new byte[0] : Json.bytes(r.body());
    }
}
