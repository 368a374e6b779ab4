package dev.gatehouse.provider.oauth2.authorize;

import dev.gatehouse.provider.oauth2.scope.ScopeMapping;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The scopes an authorization grants and the permissions consent shows for them: the requested scopes that the
 * provider's scope mappings offer, in request order and without repeats (others are dropped, as authentik
 * does), and for each the first non-blank description of its mappings (scopes without one are not shown).
 */
public record GrantedScopes(List<String> scopes, Map<String, String> permissions) {

    public GrantedScopes {
        scopes = List.copyOf(scopes);
        permissions = Collections.unmodifiableMap(new LinkedHashMap<>(permissions));
    }

    public static GrantedScopes of(List<ScopeMapping> offered, List<String> requested) {
        List<String> granted = new ArrayList<>();
        Map<String, String> permissions = new LinkedHashMap<>();
        for (String scope : requested) {
            List<ScopeMapping> mappings = offered.stream().filter(m -> m.scopeName().equals(scope)).toList();
            if (!mappings.isEmpty() && !granted.contains(scope)) {
                granted.add(scope);
                mappings.stream().map(ScopeMapping::description).filter(d -> d != null && !d.isBlank()).findFirst()
                        .ifPresent(d -> permissions.put(scope, d));
            }
        }
        return new GrantedScopes(granted, permissions);
    }

    /** The granted scopes as the space-separated string tokens carry. */
    public String asString() {
        return String.join(" ", scopes);
    }
}
