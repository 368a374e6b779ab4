package dev.gatehouse.provider.oauth2.token;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.oauth2.sdk.token.BearerTokenError;
import dev.gatehouse.crypto.Secrets;
import dev.gatehouse.crypto.certificatekeypairs.SigningKey;
import dev.gatehouse.provider.oauth2.OAuth2Exception;
import dev.gatehouse.provider.oauth2.OAuth2Provider;
import dev.gatehouse.provider.oauth2.OAuth2ProviderStore;
import dev.gatehouse.store.Database;
import java.text.ParseException;
import java.time.Instant;
import java.util.Optional;
import org.jooq.DSLContext;

/**
 * Checks an access token presented to userinfo or introspection: a JWS (never {@code alg: none}) whose
 * {@code azp} names a provider, signed with exactly that provider's key and algorithm (an HS256 token is
 * refused when the provider signs with RS256, whatever its signature), unexpired, and still active in the
 * store (not revoked).
 */
public final class AccessTokens {
    private final Database db;
    private final ProviderKeys keys;

    public AccessTokens(Database db, ProviderKeys keys) {
        this.db = db;
        this.keys = keys;
    }

    /** A verified, active access token. */
    public record Verified(OAuth2Provider provider, GrantToken stored, JWTClaimsSet claims) {
    }

    public Optional<Verified> verify(String token) {
        SignedJWT jwt;
        JWTClaimsSet claims;
        try {
            jwt = SignedJWT.parse(token);
            claims = jwt.getJWTClaimsSet();
        } catch (ParseException | RuntimeException e) {
            return Optional.empty();
        }
        String clientId = claims.getClaim("azp") instanceof String s ? s : null;
        if (clientId == null || claims.getJWTID() == null) {
            return Optional.empty();
        }
        DSLContext dsl = db.dsl();
        Optional<OAuth2Provider> provider = new OAuth2ProviderStore(dsl).byClientId(clientId);
        if (provider.isEmpty()) {
            return Optional.empty();
        }
        SigningKey key = keys.of(provider.get());
        try {
            if (!jwt.getHeader().getAlgorithm().equals(key.algorithm()) || !jwt.verify(key.verifier())) {
                return Optional.empty();
            }
        } catch (JOSEException | RuntimeException e) {
            return Optional.empty();
        }
        if (claims.getExpirationTime() == null || !Instant.now().isBefore(claims.getExpirationTime().toInstant())) {
            return Optional.empty();
        }
        return new OAuth2GrantStore(dsl).token(Secrets.sha256Hex(claims.getJWTID()))
                .filter(t -> t.kind() == GrantToken.Kind.ACCESS && t.provider() == provider.get().pk())
                .filter(t -> t.active(Instant.now()))
                .map(t -> new Verified(provider.get(), t, claims));
    }

    /** {@link #verify}, or the RFC 6750 {@code invalid_token} error. */
    public Verified require(String token) {
        return verify(token).orElseThrow(() -> new OAuth2Exception(
                BearerTokenError.INVALID_TOKEN.setDescription("The access token is invalid, expired or revoked."),
                "access token rejected"));
    }
}
