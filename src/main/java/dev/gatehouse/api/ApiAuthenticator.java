package dev.gatehouse.api;

import dev.gatehouse.core.ApiPrincipal;
import java.util.Optional;

/**
 * One way to authenticate an API caller. Returns empty when the request does not carry this kind of
 * credential; throws {@link ApiException} (401) when it carries one that is wrong.
 */
@FunctionalInterface
public interface ApiAuthenticator {
    Optional<ApiPrincipal> authenticate(ApiRequest request);
}
