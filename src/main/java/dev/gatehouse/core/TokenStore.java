package dev.gatehouse.core;

import static dev.gatehouse.core.CoreTables.Tokens.*;

import dev.gatehouse.core.Token;
import dev.gatehouse.core.TokenIntent;
import dev.gatehouse.store.Listing;
import dev.gatehouse.store.Page;
import dev.gatehouse.store.PageRequest;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Record;

/** Rows of {@code core_token}; keys are looked up by their SHA-256, never stored in clear. */
public final class TokenStore {
    public static final Listing<Token> LISTING = Listing.of(T, ALL, UUID_, TokenStore::map)
            .filter("identifier", IDENTIFIER).filter("intent", INTENT).filter("user", USER)
            .filter("managed", MANAGED).filter("expiring", EXPIRING).filter("description", DESCRIPTION)
            .search(IDENTIFIER, DESCRIPTION)
            .order("identifier", IDENTIFIER).order("expires", EXPIRES).order("intent", INTENT)
            .defaultOrder(EXPIRES.asc())
            .build();

    private final DSLContext dsl;

    public TokenStore(DSLContext dsl) {
        this.dsl = dsl;
    }

    static Token map(Record r) {
        return new Token(r.get(UUID_), r.get(IDENTIFIER), r.get(KEY_HASH), TokenIntent.parse(r.get(INTENT)),
                r.get(USER), r.get(DESCRIPTION), r.get(EXPIRES), r.get(EXPIRING), r.get(MANAGED), r.get(CREATED));
    }

    public Token insert(String identifier, String keyHash, TokenIntent intent, long user, String description,
                        Instant expires, boolean expiring, String managed) {
        UUID id = UUID.randomUUID();
        dsl.insertInto(T).set(UUID_, id).set(IDENTIFIER, identifier).set(KEY_HASH, keyHash)
                .set(INTENT, intent.wire()).set(USER, user).set(DESCRIPTION, description)
                .set(EXPIRES, expires).set(EXPIRING, expiring).set(MANAGED, managed)
                .set(CREATED, Instant.now()).execute();
        return byIdentifier(identifier).orElseThrow();
    }

    public void update(Token t) {
        dsl.update(T).set(IDENTIFIER, t.identifier()).set(DESCRIPTION, t.description()).set(INTENT, t.intent().wire())
                .set(EXPIRES, t.expires()).set(EXPIRING, t.expiring()).where(UUID_.eq(t.pk())).execute();
    }

    public Optional<Token> byIdentifier(String identifier) {
        return dsl.select(ALL).from(T).where(IDENTIFIER.eq(identifier)).fetchOptional(TokenStore::map);
    }

    public Optional<Token> byKeyHash(String keyHash) {
        return dsl.select(ALL).from(T).where(KEY_HASH.eq(keyHash)).fetchOptional(TokenStore::map);
    }

    /** A token with its owner, in one query: the API authentication path. */
    public record WithOwner(Token token, dev.gatehouse.core.User owner) {
    }

    public Optional<WithOwner> byKeyHashWithOwner(String keyHash) {
        java.util.List<org.jooq.Field<?>> fields = new java.util.ArrayList<>(ALL);
        fields.addAll(CoreTables.Users.ALL);
        return dsl.select(fields).from(T).join(CoreTables.Users.T).on(USER.eq(CoreTables.Users.ID))
                .where(KEY_HASH.eq(keyHash))
                .fetchOptional(r -> new WithOwner(map(r), UserStore.map(r)));
    }

    public boolean identifierTaken(String identifier, UUID exceptPk) {
        return dsl.fetchExists(T, IDENTIFIER.eq(identifier).and(exceptPk == null ? org.jooq.impl.DSL.noCondition() : UUID_.ne(exceptPk)));
    }

    public boolean delete(UUID pk) {
        return dsl.deleteFrom(T).where(UUID_.eq(pk)).execute() > 0;
    }

    public int deleteForUser(long user) {
        return dsl.deleteFrom(T).where(USER.eq(user)).execute();
    }

    /** Tokens visible to a caller: all of them, or only the caller's own. */
    public Page<Token> list(PageRequest req, Long onlyUser) {
        Condition base = onlyUser == null ? null : USER.eq(onlyUser);
        return LISTING.fetch(dsl, req, base);
    }
}
