package dev.gatehouse.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.testing.TestDatabases;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/** The start-up check sees Java migrations ({@code db.migration.V20__Prompts}) as well as SQL ones. */
class MigrationIndexTest {

    @Test
    void javaMigrationsAreListedBesideTheSqlOnes() {
        assertThat(MigrationIndex.versions()).contains("1", "18", "20");
    }

    @Test
    void aDatabaseWithoutTheJavaMigrationIsNotCurrentAndStartUpAppliesIt() {
        try (Database db = TestDatabases.openUnmigrated("h2")) {
            Flyway.configure().dataSource(db.dataSource()).locations("classpath:db/migration").target("18").load()
                    .migrate();
            assertThat(db.schemaCurrent()).isFalse();
            assertThat(db.migrateIfNeeded()).isPositive();
            assertThat(db.schemaCurrent()).isTrue();
            assertThat(db.dsl().fetchCount(db.dsl().selectFrom("stages_prompt"))).isZero();
        }
    }
}
