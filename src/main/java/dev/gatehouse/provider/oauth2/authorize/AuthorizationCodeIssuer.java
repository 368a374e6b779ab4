package dev.gatehouse.provider.oauth2.authorize;

import dev.gatehouse.core.Timedelta;
import dev.gatehouse.core.User;
import dev.gatehouse.crypto.Secrets;
import dev.gatehouse.provider.oauth2.grant.AuthorizationCode;
import dev.gatehouse.session.AuthenticatedSession;
import dev.gatehouse.store.Database;
import dev.gatehouse.store.Stores;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

/**
 * Issues an authorization code (RFC 6749 §4.1.2): 64 random characters (~381 bits, §10.10) handed to the client
 * once; only their SHA-256 is stored, with what the token endpoint checks (redirect URI §4.1.3, PKCE challenge
 * RFC 7636 §4.6) and what the id_token repeats (nonce, auth_time, session). Valid for the provider's
 * access_code_validity. The {@code authorize_application} event is written in the same transaction.
 */
public final class AuthorizationCodeIssuer {
    static final int CODE_LENGTH = 64;
    private final Database db;
    private final Clock clock;

    public AuthorizationCodeIssuer(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** Stores a new code for the user's session and returns the response that carries it to the client. */
    public ClientResponse issue(AuthorizationParams p, User user, AuthenticatedSession session, String clientIp,
                                UUID flow) {
        String code = Secrets.randomKey(CODE_LENGTH);
        Instant now = clock.instant();
        db.txRun(dsl -> {
            Stores s = Stores.on(dsl);
            s.oauth2Grants().insert(new AuthorizationCode(Secrets.sha256Hex(code), UUID.randomUUID(), p.provider().pk(),
                    user.pk(), p.redirectUri().toString(), p.scopeString(), p.nonce(), p.codeChallenge(),
                    p.codeChallengeMethod(), session.created(), session.keyHash(), "pwd",
                    now.plus(Timedelta.parse(p.provider().accessCodeValidity())), false));
            AuthorizeApplicationEvent.record(s, user, clientIp, p.application(), p.scopeString(), flow);
        });
        return ClientResponse.code(p.redirectUri(), p.responseMode(), code, p.state());
    }
}
