package dev.gatehouse.stage.password;

import dev.gatehouse.core.Token;
import dev.gatehouse.core.TokenIntent;
import dev.gatehouse.core.TokenStore;
import dev.gatehouse.core.User;
import dev.gatehouse.crypto.Secrets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.jooq.DSLContext;

/**
 * authentik's {@code authentik.core.auth.TokenBackend}: the password given is one of the user's app passwords
 * (a token of intent {@code app_password} that has not expired). Keys are stored only as their SHA-256, so the
 * password is found by its hash, never compared in clear; the token must belong to the pending user.
 */
final class TokenBackend {
    /** authentik's {@code auth_method} after a sign-in with an app password. */
    static final String AUTH_METHOD = "token";

    private TokenBackend() {
    }

    /** The user's live app password whose key {@code password} is, if any. */
    static Optional<Token> match(DSLContext dsl, User user, String password, Instant now) {
        if (user == null || password == null || password.isEmpty()) {
            return Optional.empty();
        }
        return new TokenStore(dsl).byKeyHash(Secrets.sha256Hex(password))
                .filter(t -> t.intent() == TokenIntent.APP_PASSWORD)
                .filter(t -> t.user() == user.pk())
                .filter(t -> !t.expired(now));
    }

    /**
     * authentik's {@code auth_method_args} for a token sign-in: the token as its events name a model
     * ({@code {"token": {"pk", "app", "model_name", "name"}}}), never its key.
     */
    static Map<String, Object> methodArgs(Token token) {
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("pk", token.pk().toString().replace("-", ""));
        t.put("app", "authentik_core");
        t.put("model_name", "token");
        t.put("name", token.identifier());
        return Map.of("token", Map.copyOf(t));
    }
}
