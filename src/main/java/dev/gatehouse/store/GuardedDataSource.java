package dev.gatehouse.store;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.logging.Logger;
import javax.sql.DataSource;

/** The pool as the stores see it: borrowing fails at once while {@link DatabaseAvailability} says the database is away. */
final class GuardedDataSource implements DataSource {
    private final DataSource pool;
    private final DatabaseAvailability availability;

    GuardedDataSource(DataSource pool, DatabaseAvailability availability) {
        this.pool = pool;
        this.availability = availability;
    }

    @Override
    public Connection getConnection() throws SQLException {
        if (!availability.mayTry()) {
            throw availability.refuse();
        }
        try {
            Connection c = pool.getConnection();
            availability.succeeded();
            return c;
        } catch (SQLException | RuntimeException e) {
            availability.failed(e);
            throw e;
        }
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        throw new SQLFeatureNotSupportedException("the pool has its own credentials");
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
        return pool.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
        pool.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
        pool.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
        return pool.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return pool.getParentLogger();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        return iface.isInstance(this) ? iface.cast(this) : pool.unwrap(iface);
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) throws SQLException {
        return iface.isInstance(this) || pool.isWrapperFor(iface);
    }
}
