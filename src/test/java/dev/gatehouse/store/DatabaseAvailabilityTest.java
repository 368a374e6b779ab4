package dev.gatehouse.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import org.jooq.exception.DataAccessException;
import org.junit.jupiter.api.Test;

/** Which failures are the database going away (answered 503) and which are bugs (500). */
class DatabaseAvailabilityTest {
    @Test
    void connectionFailuresAreOutagesWhereverTheyHide() {
        assertThat(DatabaseAvailability.isOutage(new DataAccessException("Cannot commit transaction",
                new SQLException("Connection is closed")))).as("the pool closed it under a transaction").isTrue();
        assertThat(DatabaseAvailability.isOutage(new DataAccessException("x",
                new SQLException("FATAL: terminating connection due to administrator command", "57P01")))).isTrue();
        assertThat(DatabaseAvailability.isOutage(new SQLException("refused", "08001"))).isTrue();
        assertThat(DatabaseAvailability.isOutage(new java.sql.SQLTransientConnectionException("timeout"))).isTrue();
        RuntimeException commit = new DataAccessException("Cannot commit", new SQLException("other"));
        commit.addSuppressed(new DataAccessException("Cannot roll back", new DatabaseAvailability.Unavailable()));
        assertThat(DatabaseAvailability.isOutage(commit)).as("in a suppressed exception").isTrue();
    }

    @Test
    void otherFailuresAreNot() {
        assertThat(DatabaseAvailability.isOutage(new DataAccessException("x",
                new SQLException("syntax error", "42601")))).isFalse();
        assertThat(DatabaseAvailability.isOutage(new SQLException("duplicate key", "23505"))).isFalse();
        assertThat(DatabaseAvailability.isOutage(new IllegalStateException("bug"))).isFalse();
    }
}
