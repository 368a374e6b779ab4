package dev.gatehouse.api.resources;

import dev.gatehouse.api.Access;
import dev.gatehouse.api.ApiException;
import dev.gatehouse.api.ApiRequest;
import dev.gatehouse.api.ApiResponse;
import dev.gatehouse.api.Pagination;
import dev.gatehouse.api.Routes;
import dev.gatehouse.api.resources.UserViews.UserRef;
import dev.gatehouse.core.IssuedToken;
import dev.gatehouse.core.errors.NotFoundException;
import dev.gatehouse.core.Token;
import dev.gatehouse.core.TokenChanges;
import dev.gatehouse.core.UserStore;
import dev.gatehouse.definition.Write;
import dev.gatehouse.core.TokenService;
import dev.gatehouse.store.Database;
import dev.gatehouse.core.TokenStore;
import java.time.Instant;
import java.util.UUID;

/**
 * {@code core/tokens/}, addressed by identifier. Superusers see every token; other users only their own
 * (anyone else's reads as 404). The key appears in the create response and nowhere else: only its
 * SHA-256 is stored, so {@code view_key/} cannot return it.
 */
public final class TokensApi {
    private final Database db;
    private final TokenService tokens;
    private final UserViews users;

    public TokensApi(Database db, TokenService tokens, UserViews users) {
        this.db = db;
        this.tokens = tokens;
        this.users = users;
    }

    public record TokenView(UUID pk, String managed, String identifier, String intent, long user, UserRef userObj,
                            String description, Instant expires, boolean expiring) {
    }

    public record CreatedTokenView(UUID pk, String managed, String identifier, String intent, long user,
                                   UserRef userObj, String description, Instant expires, boolean expiring, String key) {
    }

    public void register(Routes r) {
        r.list("core/tokens/", Access.AUTHENTICATED, "core_tokens_list", "List tokens (own tokens unless superuser)",
                        TokenView.class, TokenStore.LISTING.filterNames(), this::list)
                .objectOp("POST", "core/tokens/", Access.AUTHENTICATED, "core_tokens_create",
                        "Create a token; the response carries the key, shown only this once",
                        TokenChanges.DEFINITION, CreatedTokenView.class, this::create)
                .op("GET", "core/tokens/{identifier}/", Access.AUTHENTICATED, "core_tokens_retrieve", "Get a token",
                        null, TokenView.class, req -> ApiResponse.ok(view(find(req))))
                .objectOp("PUT", "core/tokens/{identifier}/", Access.AUTHENTICATED, "core_tokens_update",
                        "Replace a token", TokenChanges.DEFINITION, TokenView.class, req -> update(req, Write.REPLACE))
                .objectOp("PATCH", "core/tokens/{identifier}/", Access.AUTHENTICATED, "core_tokens_partial_update",
                        "Change a token", TokenChanges.DEFINITION, TokenView.class, req -> update(req, Write.UPDATE))
                .op("DELETE", "core/tokens/{identifier}/", Access.AUTHENTICATED, "core_tokens_destroy",
                        "Delete a token", null, null, req -> {
                            tokens.delete(req.actor(), find(req));
                            return ApiResponse.noContent();
                        })
                .op("GET", "core/tokens/{identifier}/view_key/", Access.AUTHENTICATED, "core_tokens_view_key_retrieve",
                        "Keys are stored hashed: answers 410 and points to the create response", null, null, req -> {
                            find(req);
                            throw new ApiException(410, "Token keys are stored hashed; the key was shown once, in the "
                                    + "response that created the token. Create a new token to get a new key.");
                        });
    }

    private ApiResponse list(ApiRequest req) {
        Long only = req.superuser() ? null : req.principal().user().pk();
        return ApiResponse.ok(Pagination.envelope(
                new TokenStore(db.dsl()).list(req.pageRequest(), only).map(this::view)));
    }

    private Token find(ApiRequest req) {
        Token t = tokens.byIdentifier(req.path("identifier")).orElseThrow(NotFoundException::new);
        if (!req.superuser() && t.user() != req.principal().user().pk()) {
            throw new NotFoundException();
        }
        return t;
    }

    private ApiResponse create(ApiRequest req) {
        IssuedToken issued = tokens.create(req.actor(), req.superuser(), req.body().read(TokenChanges.DEFINITION, Write.CREATE));
        TokenView v = view(issued.token());
        return ApiResponse.created(new CreatedTokenView(v.pk(), v.managed(), v.identifier(), v.intent(), v.user(),
                v.userObj(), v.description(), v.expires(), v.expiring(), issued.key()));
    }

    private ApiResponse update(ApiRequest req, Write write) {
        Token t = find(req);
        return ApiResponse.ok(view(tokens.update(req.actor(), req.superuser(), t,
                req.body().read(TokenChanges.DEFINITION, write))));
    }

    private TokenView view(Token t) {
        UserRef owner = new UserStore(db.dsl()).byPk(t.user()).map(users::ref).orElse(null);
        return new TokenView(t.pk(), t.managed(), t.identifier(), t.intent().wire(), t.user(), owner, t.description(),
                t.expires(), t.expiring());
    }
}
