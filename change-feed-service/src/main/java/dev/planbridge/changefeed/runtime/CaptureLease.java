package dev.planbridge.changefeed.runtime;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * Only one instance captures an object at a time: a PostgreSQL session-level advisory lock, held on a dedicated
 * connection for as long as the capture runs. A standby instance keeps trying; when the holder dies, PostgreSQL
 * ends its session and releases the lock. (Kafka's transactional-id fencing would stop a zombie anyway; the lease
 * keeps the standby from fighting over it.)
 */
final class CaptureLease implements AutoCloseable {

    private final Connection connection;
    private final String object;

    private CaptureLease(Connection connection, String object) {
        this.connection = connection;
        this.object = object;
    }

    /** The lease, or null when another instance holds it. */
    static CaptureLease tryAcquire(DataSource dataSource, String object) throws SQLException {
        Connection connection = dataSource.getConnection();
        boolean acquired = false;
        try (PreparedStatement statement = connection.prepareStatement("SELECT pg_try_advisory_lock(hashtext(?))")) {
            statement.setString(1, lockName(object));
            try (ResultSet result = statement.executeQuery()) {
                acquired = result.next() && result.getBoolean(1);
            }
        } finally {
            if (!acquired) {
                connection.close();
            }
        }
        return acquired ? new CaptureLease(connection, object) : null;
    }

    static String lockName(String object) {
        return "planbridge-changefeed:" + object;
    }

    /** Still held: the session that holds the lock is alive. */
    boolean valid() {
        try {
            return connection.isValid(2);
        } catch (SQLException e) {
            return false;
        }
    }

    @Override
    public void close() {
        try (PreparedStatement statement = connection.prepareStatement("SELECT pg_advisory_unlock(hashtext(?))")) {
            statement.setString(1, lockName(object));
            statement.execute();
        } catch (SQLException ignored) {
            // the session is going away; PostgreSQL releases the lock with it
        } finally {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // nothing left to release
            }
        }
    }
}
