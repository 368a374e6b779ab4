package dev.gatehouse.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.core.Token;
import dev.gatehouse.core.TokenIntent;
import dev.gatehouse.core.UserType;
import dev.gatehouse.store.Database;
import dev.gatehouse.store.PageRequest;
import dev.gatehouse.testing.TestDatabases;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class TokenStoreTest {
    private static final String KINDS = "dev.gatehouse.testing.TestDatabases#kinds";
    private static final String HASH_A = "a".repeat(32) + "0123456789abcdef0123456789abcdef";
    private static final String HASH_B = "a".repeat(32) + "fedcba9876543210fedcba9876543210";

    @ParameterizedTest
    @MethodSource(KINDS)
    void byKeyHashWhenHashesShareAPrefixThenOnlyTheExactOneMatches(String kind) {
        try (Database db = TestDatabases.open(kind)) {
            long user = new UserStore(db.dsl()).insert("alice", "", "", "!x", true, UserType.INTERNAL, "users", Map.of()).pk();
            TokenStore tokens = new TokenStore(db.dsl());
            tokens.insert("a", HASH_A, TokenIntent.API, user, "", null, false, null);
            tokens.insert("b", HASH_B, TokenIntent.API, user, "", null, false, null);

            assertThat(tokens.byKeyHash(HASH_A)).map(Token::identifier).contains("a");
            assertThat(tokens.byKeyHash(HASH_B)).map(Token::identifier).contains("b");
            assertThat(tokens.byKeyHash(HASH_A).orElseThrow().keyHash()).isEqualTo(HASH_A);
            assertThat(tokens.byKeyHash("a")).isEmpty();
            assertThat(tokens.byKeyHash("a".repeat(64))).isEmpty();
        }
    }

    @ParameterizedTest
    @MethodSource(KINDS)
    void deleteForUserWhenSeveralTokensThenOnlyThatUsersGo(String kind) {
        try (Database db = TestDatabases.open(kind)) {
            UserStore users = new UserStore(db.dsl());
            long alice = users.insert("alice", "", "", "!x", true, UserType.INTERNAL, "users", Map.of()).pk();
            long bob = users.insert("bob", "", "", "!x", true, UserType.INTERNAL, "users", Map.of()).pk();
            TokenStore tokens = new TokenStore(db.dsl());
            tokens.insert("a1", HASH_A, TokenIntent.API, alice, "", null, false, null);
            tokens.insert("a2", "1".repeat(64), TokenIntent.APP_PASSWORD, alice, "", null, false, null);
            tokens.insert("b", HASH_B, TokenIntent.API, bob, "", null, false, null);

            assertThat(tokens.deleteForUser(alice)).isEqualTo(2);

            assertThat(tokens.byIdentifier("a1")).isEmpty();
            assertThat(tokens.byIdentifier("a2")).isEmpty();
            assertThat(tokens.byKeyHash(HASH_B)).isPresent();
            assertThat(tokens.list(PageRequest.all(), bob).results()).extracting(Token::identifier).containsExactly("b");
            assertThat(tokens.list(PageRequest.all(), alice).results()).isEmpty();
        }
    }
}
