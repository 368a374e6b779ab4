package dev.gatehouse.provider.oauth2.grant;

import com.nimbusds.oauth2.sdk.OAuth2Error;
import dev.gatehouse.core.Actor;
import dev.gatehouse.core.TokenIntent;
import dev.gatehouse.core.TokenStore;
import dev.gatehouse.core.User;
import dev.gatehouse.core.UserChanges;
import dev.gatehouse.core.UserService;
import dev.gatehouse.core.UserType;
import dev.gatehouse.crypto.Secrets;
import dev.gatehouse.policy.engine.ApplicationAccess;
import dev.gatehouse.policy.PolicyRequest;
import dev.gatehouse.provider.oauth2.OAuth2Exception;
import dev.gatehouse.store.Database;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Who a machine-to-machine token is for (authentik's client_credentials rules, CONTRACT.md): with
 * {@code username} + {@code password}, the user whose app-password token that password is; otherwise the
 * provider's own service account {@code ak-<provider name>-client_credentials}, created on first use (confidential
 * clients only). Either
 * must pass the application's policy bindings.
 */
public final class CredentialsUser {
    private final Database db;
    private final UserService users;
    private final ApplicationAccess access;

    public CredentialsUser(Database db, UserService users, ApplicationAccess access) {
        this.db = db;
        this.users = users;
        this.access = access;
    }

    public User resolve(TokenClient client, Map<String, List<String>> params) {
        String username = first(params, "username");
        String password = first(params, "password");
        User user = username != null || password != null ? byAppPassword(username, password) : serviceAccount(client);
        var result = access.check(client.application(), user, new PolicyRequest(user, client.request().clientIp(),
                new PolicyRequest.Http(client.request().host(), client.request().path(), client.request().userAgent()),
                Map.of()));
        if (!result.passing()) {
            throw new OAuth2Exception(OAuth2Error.INVALID_GRANT.setDescription("This user may not use the application."),
                    "application access denied for " + user.username() + ": " + result.messages());
        }
        return user;
    }

    private User byAppPassword(String username, String password) {
        if (username == null || password == null) {
            throw invalid("username and password must be given together");
        }
        return new TokenStore(db.dsl()).byKeyHashWithOwner(Secrets.sha256Hex(password))
                .filter(t -> t.token().intent() == TokenIntent.APP_PASSWORD)
                .filter(t -> !t.token().expired(Instant.now()))
                .filter(t -> Secrets.constantTimeEquals(t.owner().username(), username))
                .map(t -> t.owner()).filter(User::isActive)
                .orElseThrow(() -> invalid("no active app password of " + username + " matches"));
    }

    /**
     * The provider's service account, only for a confidential client: RFC 6749 §4.4 reserves client_credentials
     * for clients that authenticated, and a public client's {@code client_id} proves nothing, so it gets
     * {@code unauthorized_client} (§5.2) before anything is created.
     */
    private User serviceAccount(TokenClient client) {
        if (!client.provider().confidential()) {
            throw new OAuth2Exception(OAuth2Error.UNAUTHORIZED_CLIENT.setDescription(
                    "A public client may use this grant only with username and app password."),
                    "public client " + client.provider().clientId() + " asked for its service account");
        }
        String name = "ak-" + client.provider().provider().name() + "-client_credentials";
        return users.byUsername(name).orElseGet(() -> users.create(Actor.SYSTEM, new UserChanges(name, name, null, true,
                UserType.SERVICE_ACCOUNT, "goauthentik.io/service-accounts", Map.of(), null, null)));
    }

    private static OAuth2Exception invalid(String detail) {
        return new OAuth2Exception(OAuth2Error.INVALID_GRANT.setDescription("Invalid username or app password."), detail);
    }

    static String first(Map<String, List<String>> params, String name) {
        List<String> v = params.get(name);
        return v == null || v.isEmpty() || v.getFirst().isEmpty() ? null : v.getFirst();
    }
}
