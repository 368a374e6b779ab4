package dev.gatehouse.provider.proxy;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.gatehouse.core.User;
import dev.gatehouse.core.UserStore;
import dev.gatehouse.crypto.Secrets;
import dev.gatehouse.provider.oauth2.Issuer;
import dev.gatehouse.provider.oauth2.OAuth2Exception;
import dev.gatehouse.provider.oauth2.grant.CredentialsUser;
import dev.gatehouse.provider.oauth2.grant.TokenClient;
import dev.gatehouse.provider.oauth2.token.AccessTokens;
import dev.gatehouse.provider.oauth2.token.Grant;
import dev.gatehouse.store.Database;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Header authentication for clients without cookies ({@code intercept_header_auth}, CONTRACT.md):
 * {@code Authorization: Bearer <token>} is accepted when the token is an active access token of this provider
 * (what introspection would answer), {@code Authorization: Basic user:app_password} when the app password is
 * the user's and the application's bindings admit it (the client_credentials rules, {@link CredentialsUser});
 * a new access token is minted for it. Outcomes, good and bad, are kept for at most {@link #TTL} per provider and
 * header value (by its SHA-256), and dropped at once when the user changes or the definitions do.
 */
final class HeaderAuth {
    static final Duration TTL = Duration.ofSeconds(60);
    private final Database db;
    private final AccessTokens tokens;
    private final CredentialsUser credentials;
    private final ProxyIdentities identities;
    private final Cache<String, Outcome> cache = Caffeine.newBuilder().maximumSize(10_000).expireAfterWrite(TTL).build();

    /** A checked header: the identity, or null when refused; the user it named (0 when none); its generation. */
    private record Outcome(Identity identity, long user, long generation) {
    }

    HeaderAuth(Database db, AccessTokens tokens, CredentialsUser credentials, ProxyIdentities identities) {
        this.db = db;
        this.tokens = tokens;
        this.credentials = credentials;
        this.identities = identities;
    }

    /** The identity an {@code Authorization} header proves at this route's application; empty when it proves none. */
    Optional<Identity> check(ProxyRoute route, String authorization, ForwardRequest req) {
        String key = Secrets.sha256Hex(route.provider().pk() + "\n" + authorization);
        long generation = db.definitions().generation();
        Outcome o = cache.getIfPresent(key);
        if (o == null || o.generation() != generation) {
            o = compute(route, authorization, req, generation);
            cache.put(key, o);
        }
        return Optional.ofNullable(o.identity());
    }

    void invalidateUser(long userPk) {
        cache.asMap().values().removeIf(o -> o.user() == userPk);
    }

    private Outcome compute(ProxyRoute route, String authorization, ForwardRequest req, long generation) {
        String value = authorization.strip();
        int space = value.indexOf(' ');
        String scheme = space < 0 ? value : value.substring(0, space);
        String credential = space < 0 ? "" : value.substring(space + 1).strip();
        if (scheme.equalsIgnoreCase("Bearer")) {
            return bearer(route, credential, req, generation);
        }
        if (scheme.equalsIgnoreCase("Basic")) {
            return basic(route, credential, req, generation);
        }
        return new Outcome(null, 0, generation);
    }

    private Outcome bearer(ProxyRoute route, String token, ForwardRequest req, long generation) {
        Optional<AccessTokens.Verified> v = tokens.verify(token).filter(t -> t.provider().pk() == route.provider().pk());
        Optional<User> user = v.flatMap(t -> new UserStore(db.dsl()).byPk(t.stored().user())).filter(User::isActive);
        if (user.isEmpty()) {
            return new Outcome(null, v.map(t -> t.stored().user()).orElse(0L), generation);
        }
        Instant expires = v.get().claims().getExpirationTime().toInstant();
        return new Outcome(identities.build(route, user.get(), new ProxyIdentities.Jwt(token, expires), req),
                user.get().pk(), generation);
    }

    private Outcome basic(ProxyRoute route, String encoded, ForwardRequest req, long generation) {
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return new Outcome(null, 0, generation);
        }
        int colon = decoded.indexOf(':');
        if (colon <= 0) {
            return new Outcome(null, 0, generation);
        }
        String issuer = Issuer.of(route.browserBase(req.serverBase()), route.provider().oauth2(), route.application());
        TokenClient client = new TokenClient(route.provider().oauth2(), route.application(), issuer,
                new Grant.RequestFacts(req.clientIp(), req.authority(), req.path(), req.userAgent()),
                Set.copyOf(List.of(route.scope().split(" "))));
        User user;
        try {
            user = credentials.resolve(client, Map.of("username", List.of(decoded.substring(0, colon)),
                    "password", List.of(decoded.substring(colon + 1))));
        } catch (OAuth2Exception e) {
            return new Outcome(null, 0, generation);
        }
        ProxyIdentities.Jwt jwt = identities.mint(route, user, new ProxyIdentities.SignIn(route.scope(), UUID.randomUUID(),
                Instant.now(), null, "pwd"), req);
        return new Outcome(identities.build(route, user, jwt, req), user.pk(), generation);
    }
}
