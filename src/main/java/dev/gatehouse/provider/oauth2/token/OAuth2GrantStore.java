package dev.gatehouse.provider.oauth2.token;

import dev.gatehouse.provider.oauth2.token.GrantTables.Codes;
import dev.gatehouse.provider.oauth2.token.GrantTables.Tokens;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.Record;

/** Authorization codes and issued tokens ({@code V7__oauth2_grants.sql}); every lookup is by hash. */
public final class OAuth2GrantStore {
    private final DSLContext dsl;

    public OAuth2GrantStore(DSLContext dsl) {
        this.dsl = dsl;
    }

    public void insert(AuthorizationCode c) {
        dsl.insertInto(Codes.T).set(Codes.CODE_HASH, c.codeHash()).set(Codes.FAMILY, c.family())
                .set(Codes.PROVIDER, c.provider()).set(Codes.USER, c.user()).set(Codes.REDIRECT_URI, c.redirectUri())
                .set(Codes.SCOPE, c.scope()).set(Codes.NONCE, c.nonce()).set(Codes.CODE_CHALLENGE, c.codeChallenge())
                .set(Codes.CODE_CHALLENGE_METHOD, c.codeChallengeMethod()).set(Codes.AUTH_TIME, c.authTime())
                .set(Codes.SESSION_HASH, c.sessionHash()).set(Codes.AMR, c.amr()).set(Codes.EXPIRES, c.expires())
                .set(Codes.USED, c.used()).set(Codes.CREATED, Instant.now()).execute();
    }

    public Optional<AuthorizationCode> code(String codeHash) {
        return dsl.select(Codes.ALL).from(Codes.T).where(Codes.CODE_HASH.eq(codeHash))
                .fetchOptional(OAuth2GrantStore::code);
    }

    /** Marks a code used; true only for the one caller that used it first (a second use must revoke the family). */
    public boolean markUsed(String codeHash) {
        return dsl.update(Codes.T).set(Codes.USED, true).where(Codes.CODE_HASH.eq(codeHash)).and(Codes.USED.isFalse())
                .execute() == 1;
    }

    public void insert(GrantToken t) {
        dsl.insertInto(Tokens.T).set(Tokens.TOKEN_HASH, t.tokenHash()).set(Tokens.KIND, t.kind().wire())
                .set(Tokens.FAMILY, t.family()).set(Tokens.PROVIDER, t.provider()).set(Tokens.USER, t.user())
                .set(Tokens.SCOPE, t.scope()).set(Tokens.AUTH_TIME, t.authTime()).set(Tokens.SESSION_HASH, t.sessionHash())
                .set(Tokens.AMR, t.amr()).set(Tokens.EXPIRES, t.expires()).set(Tokens.REVOKED, t.revoked())
                .set(Tokens.ROTATED, t.rotated()).set(Tokens.CREATED, Instant.now()).execute();
    }

    public Optional<GrantToken> token(String tokenHash) {
        return dsl.select(Tokens.ALL).from(Tokens.T).where(Tokens.TOKEN_HASH.eq(tokenHash))
                .fetchOptional(OAuth2GrantStore::token);
    }

    /** Marks a refresh token rotated; true only for the one caller that rotated it first. */
    public boolean rotate(String tokenHash) {
        return dsl.update(Tokens.T).set(Tokens.ROTATED, true).where(Tokens.TOKEN_HASH.eq(tokenHash))
                .and(Tokens.ROTATED.isFalse()).and(Tokens.REVOKED.isFalse()).execute() == 1;
    }

    public boolean revoke(String tokenHash) {
        return dsl.update(Tokens.T).set(Tokens.REVOKED, true).where(Tokens.TOKEN_HASH.eq(tokenHash)).execute() == 1;
    }

    /** Revokes every token of a family and uses up its codes; the number of tokens revoked. */
    public int revokeFamily(UUID family) {
        dsl.update(Codes.T).set(Codes.USED, true).where(Codes.FAMILY.eq(family)).execute();
        return dsl.update(Tokens.T).set(Tokens.REVOKED, true).where(Tokens.FAMILY.eq(family))
                .and(Tokens.REVOKED.isFalse()).execute();
    }

    /** Revokes every token a user holds from a provider (end-session, a user removed from the app). */
    public int revokeUser(long provider, long user) {
        return dsl.update(Tokens.T).set(Tokens.REVOKED, true).where(Tokens.PROVIDER.eq(provider))
                .and(Tokens.USER.eq(user)).and(Tokens.REVOKED.isFalse()).execute();
    }

    /** Revokes every refresh token the user holds, from any provider; the number revoked. */
    public int revokeRefreshTokensOfUser(long user) {
        return dsl.update(Tokens.T).set(Tokens.REVOKED, true).where(Tokens.USER.eq(user))
                .and(Tokens.KIND.eq(GrantToken.Kind.REFRESH.wire())).and(Tokens.REVOKED.isFalse()).execute();
    }

    /**
     * Ends every grant the user holds, from any provider (a lockdown): its authorization codes not yet exchanged are
     * deleted, and every access and refresh token is revoked. The number of codes and tokens ended.
     */
    public int revokeAllOfUser(long user) {
        return dsl.deleteFrom(Codes.T).where(Codes.USER.eq(user)).execute()
                + dsl.update(Tokens.T).set(Tokens.REVOKED, true).where(Tokens.USER.eq(user))
                .and(Tokens.REVOKED.isFalse()).execute();
    }

    /** Deletes codes and tokens that expired before {@code now}; the number of rows removed. */
    public int deleteExpired(Instant now) {
        return dsl.deleteFrom(Codes.T).where(Codes.EXPIRES.lt(now)).execute()
                + dsl.deleteFrom(Tokens.T).where(Tokens.EXPIRES.lt(now)).execute();
    }

    private static AuthorizationCode code(Record r) {
        return new AuthorizationCode(r.get(Codes.CODE_HASH), r.get(Codes.FAMILY), r.get(Codes.PROVIDER),
                r.get(Codes.USER), r.get(Codes.REDIRECT_URI), r.get(Codes.SCOPE), r.get(Codes.NONCE),
                r.get(Codes.CODE_CHALLENGE), r.get(Codes.CODE_CHALLENGE_METHOD), r.get(Codes.AUTH_TIME),
                r.get(Codes.SESSION_HASH), r.get(Codes.AMR), r.get(Codes.EXPIRES), r.get(Codes.USED));
    }

    private static GrantToken token(Record r) {
        return new GrantToken(r.get(Tokens.TOKEN_HASH), GrantToken.Kind.valueOf(r.get(Tokens.KIND).toUpperCase(java.util.Locale.ROOT)),
                r.get(Tokens.FAMILY), r.get(Tokens.PROVIDER), r.get(Tokens.USER), r.get(Tokens.SCOPE),
                r.get(Tokens.AUTH_TIME), r.get(Tokens.SESSION_HASH), r.get(Tokens.AMR), r.get(Tokens.EXPIRES),
                r.get(Tokens.REVOKED), r.get(Tokens.ROTATED));
    }
}
