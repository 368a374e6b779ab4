package dev.gatehouse.api;

import dev.gatehouse.core.ApiPrincipal;
import dev.gatehouse.core.TokenService;
import java.util.Optional;

/** {@code Authorization: Bearer <key>} with an api-intent token. */
public final class BearerTokenAuthenticator implements ApiAuthenticator {
    private final TokenService tokens;

    public BearerTokenAuthenticator(TokenService tokens) {
        this.tokens = tokens;
    }

    @Override
    public Optional<ApiPrincipal> authenticate(ApiRequest request) {
        String header = request.header("Authorization");
        if (header == null) {
            return Optional.empty();
        }
        String[] parts = header.trim().split("\\s+", 2);
        if (parts.length != 2 || !parts[0].equalsIgnoreCase("Bearer")) {
            return Optional.empty();
        }
        return Optional.of(tokens.authenticateApiKey(parts[1].trim())
                .orElseThrow(() -> ApiException.unauthenticated("Token invalid/expired")));
    }
}
