package dev.gatehouse.provider.oauth2.token;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.token.BearerAccessToken;
import com.nimbusds.openid.connect.sdk.claims.AccessTokenHash;
import com.nimbusds.openid.connect.sdk.claims.CodeHash;
import dev.gatehouse.core.Installation;
import dev.gatehouse.core.Timedelta;
import dev.gatehouse.crypto.Secrets;
import dev.gatehouse.crypto.certificatekeypairs.SigningKey;
import dev.gatehouse.store.Database;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.jooq.DSLContext;

/**
 * Issues the tokens of a grant (CONTRACT.md "OAuth2 / OpenID Connect provider"): a signed JWT access token
 * (recorded by the hash of its {@code jti} so revocation and introspection see it), an opaque refresh token
 * when {@code offline_access} was granted (recorded by hash), and an id_token for {@code openid}
 * (OIDC Core §2: iss, sub, aud, exp, iat, auth_time, acr, amr, nonce, at_hash, c_hash, sid). The token endpoint
 * gets all of them ({@link #issue}); the authorization endpoint gets what its response type names and never a
 * refresh token ({@link #mintForAuthorization}).
 */
public final class TokenIssuer {
    public static final String ACR = "goauthentik.io/providers/oauth2/default";
    /** Claims only the issuer sets; a scope mapping returning one of these is ignored for it. */
    static final Set<String> RESERVED = Set.of("iss", "sub", "aud", "exp", "iat", "nbf", "jti", "auth_time", "nonce",
            "acr", "amr", "azp", "at_hash", "c_hash", "sid", "scope", "uid");
    private final Database db;
    private final ProviderKeys keys;
    private final ScopeClaims claims;
    private final Installation installation;

    public TokenIssuer(Database db, ProviderKeys keys, ScopeClaims claims, Installation installation) {
        this.db = db;
        this.keys = keys;
        this.claims = claims;
        this.installation = installation;
    }

    /** Signed tokens and the rows that record them (not yet stored). */
    public record Minted(IssuedTokens tokens, List<GrantToken> records) {
        public Minted {
            records = List.copyOf(records);
        }
    }

    /**
     * The token endpoint's tokens (RFC 6749 §5.1, OIDC Core §3.1.3.3), recorded: an access token, a refresh token
     * with {@code offline_access}, an id_token with {@code openid}.
     */
    public IssuedTokens issue(Grant g) {
        Minted m = mint(g, true, g.scopes().contains("offline_access"), g.openid());
        DSLContext dsl = db.dsl();
        m.records().forEach(new OAuth2GrantStore(dsl)::insert);
        return m.tokens();
    }

    /**
     * The authorization endpoint's tokens (OIDC Core §3.2.2.5, §3.3.2.5): the access token and the id_token when
     * asked for, never a refresh token. The id_token has {@code at_hash} when an access token goes with it and
     * {@code c_hash} when the grant carries a code (§3.3.2.11). Without an access token and without a code
     * ({@code response_type=id_token}) the id_token carries the scope claims whatever the provider's
     * include_claims_in_id_token says (§5.4). The caller stores the records together with the
     * rest of the authorization.
     */
    public Minted mintForAuthorization(Grant g, boolean accessToken, boolean idToken) {
        return mint(g, accessToken, false, idToken);
    }

    private Minted mint(Grant g, boolean withAccess, boolean withRefresh, boolean withId) {
        SigningKey key = keys.of(g.provider());
        Instant now = Instant.now();
        Duration accessLife = Timedelta.parse(g.provider().accessTokenValidity());
        String sub = SubjectMode.sub(g.provider().subMode(), g.user(), installation);
        Map<String, Object> scopeClaims = claims.of(g);
        String scope = String.join(" ", new TreeSet<>(g.scopes()));
        String sid = g.sessionHash() == null ? null : sid(g.sessionHash());
        List<GrantToken> records = new ArrayList<>();

        String accessToken = null;
        if (withAccess) {
            // jti and scope mark an access token; an id_token never has them ({@link #isIdToken}).
            String jti = Secrets.randomKey(32);
            JWTClaimsSet.Builder access = base(g, sub, now, now.plus(accessLife), sid).jwtID(jti)
                    .claim("azp", g.provider().clientId()).claim("uid", installation.uid(g.user())).claim("scope", scope);
            merge(access, scopeClaims);
            accessToken = key.sign(access.build());
            records.add(record(g, Secrets.sha256Hex(jti), GrantToken.Kind.ACCESS, scope, now.plus(accessLife)));
        }

        String refreshToken = null;
        if (withRefresh) {
            refreshToken = Secrets.randomKey(96);
            records.add(record(g, Secrets.sha256Hex(refreshToken), GrantToken.Kind.REFRESH, scope,
                    now.plus(Timedelta.parse(g.provider().refreshTokenValidity()))));
        }

        String idToken = null;
        if (withId) {
            JWSAlgorithm alg = key.algorithm();
            JWTClaimsSet.Builder id = base(g, sub, now, now.plus(accessLife), sid);
            if (accessToken != null) {
                id.claim("at_hash", AccessTokenHash.compute(new BearerAccessToken(accessToken), alg).getValue());
            }
            if (g.nonce() != null) {
                id.claim("nonce", g.nonce());
            }
            if (g.code() != null) {
                id.claim("c_hash", CodeHash.compute(new AuthorizationCode(g.code()), alg).getValue());
            }
            if (g.provider().includeClaimsInIdToken() || (!withAccess && g.code() == null)) {
                // OIDC Core §5.4: when no access token is issued at all (response_type=id_token: none now, and no
                // code to get one with), userinfo is out of reach, so the granted scopes' claims go in the id_token.
                merge(id, scopeClaims);
            }
            idToken = key.sign(id.build());
        }
        return new Minted(new IssuedTokens(accessToken, accessLife, scope, refreshToken, idToken), records);
    }

    private JWTClaimsSet.Builder base(Grant g, String sub, Instant now, Instant exp, String sid) {
        JWTClaimsSet.Builder b = new JWTClaimsSet.Builder().issuer(g.issuer()).subject(sub)
                .audience(g.provider().clientId()).issueTime(Date.from(now)).expirationTime(Date.from(exp))
                .claim("acr", ACR).claim("amr", amr(g.amr()));
        if (g.authTime() != null) {
            b.claim("auth_time", g.authTime().getEpochSecond());
        }
        if (sid != null) {
            b.claim("sid", sid);
        }
        return b;
    }

    /** The {@code sid} claim (OIDC Front-Channel Logout §3) of tokens issued for the browser session with this key hash. */
    public static String sid(String sessionKeyHash) {
        return Secrets.sha256Hex("sid:" + sessionKeyHash);
    }

    /**
     * Whether verified claims of this issuer's JWT are an id_token rather than an access token: both are signed with
     * the same key and share iss, sub, aud; only the access token carries {@code jti} and {@code scope} (both
     * {@link #RESERVED}, so no scope mapping can put them in an id_token).
     */
    public static boolean isIdToken(JWTClaimsSet claims) {
        return claims.getJWTID() == null && claims.getClaim("scope") == null;
    }

    /**
     * The amr claim (OIDC Core §2, RFC 8176 values) from the space-separated values the sign-in recorded; a grant
     * from before amr was recorded (blank) was a password sign-in.
     */
    static List<String> amr(String recorded) {
        if (recorded == null || recorded.isBlank()) {
            return List.of("pwd");
        }
        return List.of(recorded.trim().split("\\s+"));
    }

    private static void merge(JWTClaimsSet.Builder b, Map<String, Object> claims) {
        claims.forEach((k, v) -> {
            if (!RESERVED.contains(k)) {
                b.claim(k, v);
            }
        });
    }

    private static GrantToken record(Grant g, String hash, GrantToken.Kind kind, String scope, Instant expires) {
        return new GrantToken(hash, kind, g.family(), g.provider().pk(), g.user().pk(), scope, g.authTime(),
                g.sessionHash(), g.amr() == null ? "" : g.amr(), expires, false, false);
    }
}
