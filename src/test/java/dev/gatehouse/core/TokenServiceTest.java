package dev.gatehouse.core;

import static dev.gatehouse.core.Fixtures.count;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.core.errors.ValidationException;
import dev.gatehouse.signout.StoredSignIns;
import dev.gatehouse.store.Database;
import dev.gatehouse.testing.TestDatabases;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.jooq.Record;
import org.jooq.impl.DSL;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class TokenServiceTest {
    private static final String KINDS = "dev.gatehouse.testing.TestDatabases#kinds";

    private static TokenChanges token(String identifier, TokenIntent intent) {
        return new TokenChanges(identifier, intent, null, null, null, null);
    }

    /** SHA-256 hex computed here with the JDK directly, not through the code under test. */
    private static String sha256Hex(String s) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    }

    private static User user(Database db, String username) {
        return new UserService(db, Fixtures.HASHER, new StoredSignIns()).create(Actor.SYSTEM, Fixtures.user(username));
    }

    @ParameterizedTest
    @MethodSource(KINDS)
    void createWhenApiTokenThenKeyReturnedOnceAndOnlyItsSha256Stored(String kind) throws Exception {
        try (Database db = TestDatabases.open(kind)) {
            User alice = user(db, "alice");
            TokenService tokens = new TokenService(db);

            IssuedToken issued = tokens.create(new Actor(alice, "192.0.2.1"), false,
                    new TokenChanges("alice-api", TokenIntent.API, null, "for scripts", null, null));

            assertThat(issued.key()).hasSize(64).matches("[A-Za-z0-9]{64}");
            assertThat(issued.token().keyHash()).isEqualTo(sha256Hex(issued.key()));
            assertThat(issued.toString()).doesNotContain(issued.key());
            assertThat(issued.token().toString()).doesNotContain(issued.key());
            List<Record> rows = db.dsl().selectFrom(DSL.table(DSL.name("core_token"))).fetch();
            assertThat(rows).hasSize(1);
            Record row = rows.getFirst();
            assertThat(row.get("key_hash", String.class).trim()).isEqualTo(sha256Hex(issued.key()));
            assertThat(row.get("identifier", String.class)).isEqualTo("alice-api");
            assertThat(row.get("intent", String.class)).isEqualTo("api");
            assertThat(row.get("user_id", Long.class)).isEqualTo(alice.pk());
            for (Object value : row.intoArray()) {
                assertThat(String.valueOf(value)).doesNotContain(issued.key());
            }
            for (Record event : db.dsl().selectFrom(DSL.table(DSL.name("events_event"))).fetch()) {
                for (Object value : event.intoArray()) {
                    assertThat(String.valueOf(value)).doesNotContain(issued.key())
                            .doesNotContain(issued.token().keyHash());
                }
            }
            // a stored token only yields its hash: reading it back never gives the key
            Token stored = tokens.byIdentifier("alice-api").orElseThrow();
            assertThat(stored.keyHash()).isEqualTo(issued.token().keyHash());
            assertThat(stored.description()).isEqualTo("for scripts");
            // two tokens get different keys
            IssuedToken second = tokens.create(new Actor(alice, null), false, token("alice-api-2", TokenIntent.API));
            assertThat(second.key()).isNotEqualTo(issued.key());
        }
    }

    @ParameterizedTest
    @MethodSource(KINDS)
    void createWhenNoExpiryGivenThenExpiresInThirtyMinutes(String kind) {
        try (Database db = TestDatabases.open(kind)) {
            User alice = user(db, "alice");
            Instant before = Instant.now();

            Token t = new TokenService(db).create(new Actor(alice, null), false, token("t", null)).token();

            assertThat(t.intent()).isEqualTo(TokenIntent.API);
            assertThat(t.expiring()).isTrue();
            assertThat(t.expires()).isBetween(before.plus(Duration.ofMinutes(29)), Instant.now().plus(Duration.ofMinutes(31)));
            assertThat(t.user()).isEqualTo(alice.pk());
        }
    }

    @ParameterizedTest
    @MethodSource(KINDS)
    void authenticateApiKeyWhenValidApiTokenThenPrincipal(String kind) {
        try (Database db = TestDatabases.open(kind)) {
            User alice = user(db, "alice");
            TokenService tokens = new TokenService(db);
            IssuedToken issued = tokens.create(new Actor(alice, null), false, token("alice-api", TokenIntent.API));

            Optional<ApiPrincipal> p = tokens.authenticateApiKey(issued.key());

            assertThat(p).isPresent();
            assertThat(p.get().user().pk()).isEqualTo(alice.pk());
            assertThat(p.get().superuser()).isFalse();
            assertThat(p.get().token().identifier()).isEqualTo("alice-api");
            assertThat(tokens.authenticateApiKey(issued.key().substring(1))).isEmpty();
            assertThat(tokens.authenticateApiKey(issued.key() + "x")).isEmpty();
            assertThat(tokens.authenticateApiKey(issued.key().toLowerCase())).isEmpty();
        }
    }

    @ParameterizedTest
    @MethodSource(KINDS)
    void authenticateApiKeyWhenUnknownOrEmptyKeyThenEmpty(String kind) {
        try (Database db = TestDatabases.open(kind)) {
            user(db, "alice");
            TokenService tokens = new TokenService(db);

            assertThat(tokens.authenticateApiKey("A".repeat(64))).isEmpty();
            assertThat(tokens.authenticateApiKey("")).isEmpty();
            assertThat(tokens.authenticateApiKey(null)).isEmpty();
            assertThat(tokens.authenticateApiKey("x".repeat(10_000))).isEmpty();
        }
    }

    @ParameterizedTest
    @MethodSource(KINDS)
    void authenticateApiKeyWhenTokenExpiredThenEmpty(String kind) {
        try (Database db = TestDatabases.open(kind)) {
            User alice = user(db, "alice");
            TokenService tokens = new TokenService(db);
            IssuedToken past = tokens.create(new Actor(alice, null), false, new TokenChanges("past", TokenIntent.API,
                    null, null, Optional.of(Instant.now().minusSeconds(5)), true));
            IssuedToken live = tokens.create(new Actor(alice, null), false, token("live", TokenIntent.API));
            IssuedToken pastButNonExpiring = tokens.create(new Actor(alice, null), true, new TokenChanges("forever",
                    TokenIntent.API, null, null, Optional.of(Instant.now().minusSeconds(5)), false));

            assertThat(tokens.authenticateApiKey(past.key())).isEmpty();
            assertThat(tokens.authenticateApiKey(pastButNonExpiring.key())).isPresent();
            assertThat(tokens.authenticateApiKey(live.key())).isPresent();

            tokens.update(Actor.SYSTEM, true, live.token(), new TokenChanges(null, null, null, null,
                    Optional.of(Instant.now().minusSeconds(1)), null));
            assertThat(tokens.authenticateApiKey(live.key())).isEmpty();
        }
    }

    @ParameterizedTest
    @MethodSource(KINDS)
    void authenticateApiKeyWhenIntentIsNotApiThenEmpty(String kind) {
        try (Database db = TestDatabases.open(kind)) {
            User alice = user(db, "alice");
            TokenService tokens = new TokenService(db);

            for (TokenIntent intent : List.of(TokenIntent.APP_PASSWORD, TokenIntent.RECOVERY, TokenIntent.VERIFICATION)) {
                IssuedToken t = tokens.create(new Actor(alice, null), true, token("t-" + intent.wire(), intent));
                assertThat(t.token().intent()).isEqualTo(intent);
                assertThat(tokens.authenticateApiKey(t.key())).as(intent.wire()).isEmpty();
            }
        }
    }

    @ParameterizedTest
    @MethodSource(KINDS)
    void authenticateApiKeyWhenUserInactiveThenEmpty(String kind) {
        try (Database db = TestDatabases.open(kind)) {
            User alice = user(db, "alice");
            TokenService tokens = new TokenService(db);
            UserService users = new UserService(db, Fixtures.HASHER, new StoredSignIns());
            IssuedToken t = tokens.create(new Actor(alice, null), false, token("alice-api", TokenIntent.API));
            assertThat(tokens.authenticateApiKey(t.key())).isPresent();

            users.update(Actor.SYSTEM, alice.pk(), new UserChanges(null, null, null, false, null, null, null, null, null));
            assertThat(tokens.authenticateApiKey(t.key())).isEmpty();

            users.update(Actor.SYSTEM, alice.pk(), new UserChanges(null, null, null, true, null, null, null, null, null));
            assertThat(tokens.authenticateApiKey(t.key())).isPresent();

            users.delete(Actor.SYSTEM, alice.pk());
            assertThat(tokens.authenticateApiKey(t.key())).isEmpty();
        }
    }

    @ParameterizedTest
    @MethodSource(KINDS)
    void authenticateApiKeyWhenOwnerIsSuperuserThenPrincipalSaysSo(String kind) {
        try (Database db = TestDatabases.open(kind)) {
            Group admins = new GroupService(db).create(Actor.SYSTEM, new GroupChanges("admins", true, null, null, null));
            User root = new UserService(db, Fixtures.HASHER, new StoredSignIns()).create(Actor.SYSTEM,
                    Fixtures.userInGroups("root", List.of(admins.pk())));
            TokenService tokens = new TokenService(db);
            IssuedToken t = tokens.create(new Actor(root, null), true, token("root-api", TokenIntent.API));

            assertThat(tokens.authenticateApiKey(t.key()).orElseThrow().superuser()).isTrue();
        }
    }

    @ParameterizedTest
    @MethodSource(KINDS)
    void createWhenNonSuperuserAsksForRecoveryOrVerificationThenFieldErrorAndNothingWritten(String kind) {
        try (Database db = TestDatabases.open(kind)) {
            User alice = user(db, "alice");
            TokenService tokens = new TokenService(db);
            long eventsBefore = count(db, "events_event");

            for (TokenIntent intent : List.of(TokenIntent.RECOVERY, TokenIntent.VERIFICATION)) {
                assertThatThrownBy(() -> tokens.create(new Actor(alice, null), false, token("t-" + intent.wire(), intent)))
                        .isInstanceOfSatisfying(ValidationException.class,
                                e -> assertThat(e.errors()).containsOnlyKeys("intent"));
            }

            assertThat(count(db, "core_token")).isZero();
            assertThat(count(db, "events_event")).isEqualTo(eventsBefore);
            assertThat(tokens.create(new Actor(alice, null), false, token("pw", TokenIntent.APP_PASSWORD)).token().intent())
                    .isEqualTo(TokenIntent.APP_PASSWORD);
        }
    }

    @ParameterizedTest
    @MethodSource(KINDS)
    void createWhenNonSuperuserNamesAnotherOwnerThenFieldError(String kind) {
        try (Database db = TestDatabases.open(kind)) {
            User alice = user(db, "alice");
            User bob = user(db, "bob");
            TokenService tokens = new TokenService(db);

            assertThatThrownBy(() -> tokens.create(new Actor(alice, null), false,
                    new TokenChanges("t", TokenIntent.API, bob.pk(), null, null, null)))
                    .isInstanceOf(ValidationException.class)
                    .satisfies(e -> assertThat(((ValidationException) e).errors()).containsKey("user"));
            Token forBob = tokens.create(new Actor(alice, null), true,
                    new TokenChanges("t2", TokenIntent.API, bob.pk(), null, null, null)).token();

            assertThat(tokens.byIdentifier("t")).isEmpty();
            assertThat(forBob.user()).isEqualTo(bob.pk());
        }
    }

    @ParameterizedTest
    @MethodSource(KINDS)
    void updateWhenExpiringTokenLosesItsExpiryThenFieldError(String kind) {
        try (Database db = TestDatabases.open(kind)) {
            User alice = user(db, "alice");
            TokenService tokens = new TokenService(db);
            Token t = tokens.create(new Actor(alice, null), false, token("exp", TokenIntent.API)).token();

            assertThatThrownBy(() -> tokens.update(new Actor(alice, null), false, t,
                    new TokenChanges(null, null, null, null, java.util.Optional.empty(), null)))
                    .isInstanceOf(ValidationException.class)
                    .satisfies(e -> assertThat(((ValidationException) e).errors()).containsKey("expires"));
            assertThat(tokens.byIdentifier("exp").orElseThrow().expires()).isEqualTo(t.expires());
        }
    }

    @ParameterizedTest
    @MethodSource(KINDS)
    void createWhenIdentifierTakenOrInvalidThenFieldError(String kind) {
        try (Database db = TestDatabases.open(kind)) {
            User alice = user(db, "alice");
            User bob = user(db, "bob");
            TokenService tokens = new TokenService(db);
            IssuedToken first = tokens.create(new Actor(alice, null), false, token("shared-name", TokenIntent.API));

            assertThatThrownBy(() -> tokens.create(new Actor(bob, null), false, token("shared-name", TokenIntent.API)))
                    .isInstanceOfSatisfying(ValidationException.class,
                            e -> assertThat(e.errors()).containsOnlyKeys("identifier"));
            assertThatThrownBy(() -> tokens.create(new Actor(bob, null), false, token("has space", TokenIntent.API)))
                    .isInstanceOfSatisfying(ValidationException.class,
                            e -> assertThat(e.errors()).containsOnlyKeys("identifier"));
            assertThatThrownBy(() -> tokens.create(new Actor(bob, null), false, token(null, TokenIntent.API)))
                    .isInstanceOfSatisfying(ValidationException.class,
                            e -> assertThat(e.errors()).containsOnlyKeys("identifier"));

            assertThat(count(db, "core_token")).isEqualTo(1);
            assertThat(tokens.byIdentifier("shared-name").orElseThrow().user()).isEqualTo(alice.pk());
            assertThat(tokens.authenticateApiKey(first.key()).orElseThrow().user().pk()).isEqualTo(alice.pk());
        }
    }

    @ParameterizedTest
    @MethodSource(KINDS)
    void updateWhenIntentOrOwnerChangesThenFieldErrorsAndIdentifierRenameWorks(String kind) {
        try (Database db = TestDatabases.open(kind)) {
            User alice = user(db, "alice");
            User bob = user(db, "bob");
            TokenService tokens = new TokenService(db);
            IssuedToken t = tokens.create(new Actor(alice, null), false, token("a", TokenIntent.API));
            tokens.create(new Actor(alice, null), false, token("b", TokenIntent.API));

            assertThatThrownBy(() -> tokens.update(Actor.SYSTEM, true, t.token(),
                    new TokenChanges(null, TokenIntent.RECOVERY, bob.pk(), null, null, null)))
                    .isInstanceOfSatisfying(ValidationException.class,
                            e -> assertThat(e.errors()).containsOnlyKeys("intent", "user"));
            assertThatThrownBy(() -> tokens.update(Actor.SYSTEM, true, t.token(), token("b", null)))
                    .isInstanceOfSatisfying(ValidationException.class,
                            e -> assertThat(e.errors()).containsOnlyKeys("identifier"));

            Token renamed = tokens.update(Actor.SYSTEM, true, t.token(), token("a-renamed", null));
            assertThat(renamed.identifier()).isEqualTo("a-renamed");
            assertThat(renamed.keyHash()).isEqualTo(t.token().keyHash());
            assertThat(tokens.byIdentifier("a")).isEmpty();
            assertThat(tokens.authenticateApiKey(t.key()).orElseThrow().token().identifier()).isEqualTo("a-renamed");
        }
    }

    @ParameterizedTest
    @MethodSource(KINDS)
    void deleteWhenTokenDeletedThenKeyNoLongerWorks(String kind) {
        try (Database db = TestDatabases.open(kind)) {
            User alice = user(db, "alice");
            TokenService tokens = new TokenService(db);
            IssuedToken t = tokens.create(new Actor(alice, null), false, token("a", TokenIntent.API));

            tokens.delete(Actor.SYSTEM, t.token());

            assertThat(tokens.authenticateApiKey(t.key())).isEmpty();
            assertThat(tokens.byIdentifier("a")).isEmpty();
        }
    }
}
