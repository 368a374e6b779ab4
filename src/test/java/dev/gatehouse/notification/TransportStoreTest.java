package dev.gatehouse.notification;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.store.Database;
import dev.gatehouse.testing.TestDatabases;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The webhook secret at rest, on H2 and PostgreSQL: sealed, bound to its transport, and never silently dropped. */
class TransportStoreTest {
    private static final String KINDS = "dev.gatehouse.testing.TestDatabases#kinds";

    @ParameterizedTest
    @MethodSource(KINDS)
    void theSecretIsSealedAndUnderAnotherSecretKeyItIsUnreadableNotEmpty(String kind) {
        try (Database db = TestDatabases.open(kind)) {
            UUID pk = UUID.randomUUID();
            db.txRun(dsl -> new TransportStore(dsl, "key-a").insert(new Transport(pk, "hook", TransportMode.WEBHOOK,
                    "https://hooks.example.org/x", "s3cret-value", false)));
            String stored = db.dsl().select(NotificationTables.Transports.WEBHOOK_SECRET)
                    .from(NotificationTables.Transports.T).fetchOne(NotificationTables.Transports.WEBHOOK_SECRET);
            assertThat(stored).isNotEmpty().doesNotContain("s3cret-value");
            assertThat(new TransportStore(db.dsl(), "key-a").byPk(pk).orElseThrow().webhookSecret()).isEqualTo("s3cret-value");

            Transport underB = new TransportStore(db.dsl(), "key-b").byPk(pk).orElseThrow();
            assertThat(underB.webhookSecret()).as("unreadable, not none").isNull();
            assertThat(underB.signed()).isFalse();
            // Changing another field under key B keeps the sealed secret as it was.
            db.txRun(dsl -> new TransportStore(dsl, "key-b").update(new Transport(pk, "renamed", underB.mode(),
                    underB.webhookUrl(), null, true)));
            Transport back = new TransportStore(db.dsl(), "key-a").byPk(pk).orElseThrow();
            assertThat(back.name()).isEqualTo("renamed");
            assertThat(back.webhookSecret()).isEqualTo("s3cret-value");

            // A sealed secret copied onto another transport does not open there.
            UUID other = UUID.randomUUID();
            db.txRun(dsl -> new TransportStore(dsl, "key-a").insert(new Transport(other, "other",
                    TransportMode.WEBHOOK, "https://hooks.example.org/y", "", false)));
            db.txRun(dsl -> dsl.update(NotificationTables.Transports.T)
                    .set(NotificationTables.Transports.WEBHOOK_SECRET, stored)
                    .where(NotificationTables.Transports.UUID_.eq(other)).execute());
            assertThat(new TransportStore(db.dsl(), "key-a").byPk(other).orElseThrow().webhookSecret()).isNull();
        }
    }
}
