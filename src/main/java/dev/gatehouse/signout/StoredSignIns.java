package dev.gatehouse.signout;

import dev.gatehouse.core.SignIns;
import dev.gatehouse.provider.oauth2.token.OAuth2GrantStore;
import dev.gatehouse.provider.proxy.ProxySessionStore;
import dev.gatehouse.session.SessionStore;
import java.util.UUID;
import org.jooq.DSLContext;

/**
 * The sign-ins kept in the database: a user's browser sessions, with the proxy sessions that hang off them and
 * their tokens, and every OAuth refresh token it holds. API tokens and app passwords are separate credentials and
 * stay.
 */
public final class StoredSignIns implements SignIns {
    @Override
    public void endAllBut(DSLContext dsl, long user, UUID keep) {
        for (UUID family : new ProxySessionStore(dsl).tokenFamiliesOfUserExcept(user, keep)) {
            new OAuth2GrantStore(dsl).revokeFamily(family);
        }
        new SessionStore(dsl).deleteForUserExcept(user, keep);
        new OAuth2GrantStore(dsl).revokeRefreshTokensOfUser(user);
    }
}
