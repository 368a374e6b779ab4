package dev.gatehouse.stage.invitation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.core.UserStore;
import dev.gatehouse.core.UserType;
import dev.gatehouse.flow.Flow;
import dev.gatehouse.flow.FlowStore;
import dev.gatehouse.store.Database;
import dev.gatehouse.store.PageRequest;
import dev.gatehouse.testing.TestDatabases;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Rows of stages_invitation_invitation on H2 and PostgreSQL. */
class InvitationStoreTest {
    private static final String KINDS = "dev.gatehouse.testing.TestDatabases#kinds";

    private static Flow flow(Database db, String slug) {
        Flow f = new Flow(UUID.randomUUID(), slug, slug, slug, "enrollment", "none", "message_continue", "stacked",
                "any", false, "", Instant.now());
        new FlowStore(db.dsl()).insert(f);
        return f;
    }

    private static long user(Database db, String username) {
        return new UserStore(db.dsl()).insert(username, "", "", "!x", true, UserType.INTERNAL, "users", Map.of()).pk();
    }

    private static List<String> names(InvitationStore store, Map<String, String> filters, String search) {
        return store.list(new PageRequest(1, 100, search, "name", filters)).results().stream().map(Invitation::name)
                .toList();
    }

    @ParameterizedTest
    @MethodSource(KINDS)
    void anInvitationIsStoredAsGivenAndReadBack(String kind) {
        try (Database db = TestDatabases.open(kind)) {
            Flow f = flow(db, "enroll");
            long alice = user(db, "alice");
            Instant expires = Instant.now().plus(Duration.ofDays(2)).truncatedTo(ChronoUnit.MILLIS);
            InvitationStore store = new InvitationStore(db.dsl());
            Invitation i = store.insert("family", expires, true, Map.of("email", "a@example.org",
                    "attributes", Map.of("team", "red")), f.pk(), alice);

            Invitation read = store.byPk(i.pk()).orElseThrow();
            assertThat(read.name()).isEqualTo("family");
            assertThat(read.expires()).isEqualTo(expires);
            assertThat(read.singleUse()).isTrue();
            assertThat(read.fixedData()).isEqualTo(Map.of("email", "a@example.org", "attributes", Map.of("team", "red")));
            assertThat(read.flow()).isEqualTo(f.pk());
            assertThat(read.createdBy()).isEqualTo(alice);
            assertThat(read.created()).isNotNull();
        }
    }

    @ParameterizedTest
    @MethodSource(KINDS)
    void consumeDeletesAUsableInvitationOnceAndNeverAnExpiredOne(String kind) {
        try (Database db = TestDatabases.open(kind)) {
            long alice = user(db, "alice");
            InvitationStore store = new InvitationStore(db.dsl());
            Invitation open = store.insert("open", null, true, Map.of(), null, alice);
            Invitation expired = store.insert("expired", Instant.now().minusSeconds(5), true, Map.of(), null, alice);
            Instant now = Instant.now();

            assertThat(store.usable(open.pk(), now)).isTrue();
            assertThat(store.usable(expired.pk(), now)).isFalse();
            assertThat(store.consume(open.pk(), now)).isTrue();
            assertThat(store.consume(open.pk(), now)).as("exactly once").isFalse();
            assertThat(store.consume(expired.pk(), now)).isFalse();
            assertThat(store.byPk(expired.pk())).isPresent();
            assertThat(store.usable(open.pk(), now)).isFalse();
        }
    }

    @ParameterizedTest
    @MethodSource(KINDS)
    void listingFiltersByCreatorAndFlowAndSearchesAsAuthentik(String kind) {
        try (Database db = TestDatabases.open(kind)) {
            Flow enroll = flow(db, "enroll");
            Flow other = flow(db, "other-flow");
            long alice = user(db, "alice");
            long bob = user(db, "bob");
            InvitationStore store = new InvitationStore(db.dsl());
            store.insert("a-enroll", null, false, Map.of(), enroll.pk(), alice);
            store.insert("b-other", Instant.now().plusSeconds(60), false, Map.of(), other.pk(), bob);
            store.insert("c-any", Instant.now().plusSeconds(120), true, Map.of(), null, alice);

            assertThat(names(store, Map.of(), null)).containsExactly("a-enroll", "b-other", "c-any");
            assertThat(names(store, Map.of("created_by__username", "alice"), null)).containsExactly("a-enroll", "c-any");
            assertThat(names(store, Map.of("flow__slug", "other-flow"), null)).containsExactly("b-other");
            assertThat(names(store, Map.of("name", "c-any"), null)).containsExactly("c-any");
            assertThat(names(store, Map.of("single_use", "true"), null)).containsExactly("c-any");
            assertThat(names(store, Map.of(), "BOB")).containsExactly("b-other");
            assertThat(names(store, Map.of(), "enroll")).containsExactly("a-enroll");
            assertThat(store.list(new PageRequest(1, 100, null, null, Map.of())).results().stream()
                    .map(Invitation::name).toList()).as("latest expiry first, none last")
                    .containsExactly("c-any", "b-other", "a-enroll");
        }
    }

    @ParameterizedTest
    @MethodSource(KINDS)
    void deletingItsFlowFreesItAndDeletingItsCreatorDeletesIt(String kind) {
        try (Database db = TestDatabases.open(kind)) {
            Flow f = flow(db, "enroll");
            long alice = user(db, "alice");
            InvitationStore store = new InvitationStore(db.dsl());
            Invitation i = store.insert("x", null, false, Map.of(), f.pk(), alice);

            new FlowStore(db.dsl()).delete(f.pk());
            assertThat(store.byPk(i.pk()).orElseThrow().flow()).isNull();
            new UserStore(db.dsl()).delete(alice);
            assertThat(store.byPk(i.pk())).isEmpty();
        }
    }
}
