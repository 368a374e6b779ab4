package dev.gatehouse.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.testing.TestDatabases;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class DatabaseMigrationTest {

    @ParameterizedTest
    @MethodSource("dev.gatehouse.testing.TestDatabases#kinds")
    void migrateWhenEmptyThenSchemaIsCurrentAndSecondRunAppliesNothing(String kind) {
        try (Database db = TestDatabases.openUnmigrated(kind)) {
            assertThat(db.healthy()).isFalse();
            assertThat(db.migrate()).isGreaterThanOrEqualTo(1);
            assertThat(db.migrate()).isZero();
            assertThat(db.healthy()).isTrue();
        }
    }
}
