package io.desknotify.store.jdbc;

import io.desknotify.api.NotifyException;
import java.sql.SQLException;
import java.util.Optional;

/**
 * The database failed an operation of the JDBC store. The message names the operation and the SQL state; the
 * driver's exception is the cause.
 */
public final class JdbcStoreException extends NotifyException {
    private static final long serialVersionUID = 1L;

    /** The driver's SQL state, or null. */
    private final String sqlState;

    JdbcStoreException(String message, String sqlState, Throwable cause) {
        super(message, cause);
        this.sqlState = sqlState;
    }

    static JdbcStoreException of(String operation, SQLException e) {
        return new JdbcStoreException("the JDBC store failed " + operation + " (SQL state " + e.getSQLState() + ", "
                + e.getClass().getSimpleName() + ")", e.getSQLState(), e);
    }

    /**
     * The SQL state the driver gave, e.g. {@code 08006} when the connection was lost.
     *
     * @return the state, or empty when there was none
     */
    public Optional<String> sqlState() {
        return Optional.ofNullable(sqlState);
    }
}
