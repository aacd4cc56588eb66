package dev.canopy.dialect;

import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.sql.SQLTransientConnectionException;
import java.sql.SQLNonTransientConnectionException;

/**
 * The standard SQLState classes (SQL:2011 and X/Open), which every dialect consults before its own vendor codes.
 */
public final class SqlStates {
    private SqlStates() {}

    /** The kind a standard SQLState names, or {@link ErrorKind#OTHER}. */
    public static ErrorKind classify(SQLException e) {
        if (e instanceof SQLTimeoutException) {
            return ErrorKind.TIMEOUT;
        }
        if (e instanceof SQLTransientConnectionException || e instanceof SQLNonTransientConnectionException) {
            return ErrorKind.CONNECTION;
        }
        String state = e.getSQLState();
        if (state == null) {
            return ErrorKind.OTHER;
        }
        switch (state) {
            case "23505": return ErrorKind.UNIQUE_VIOLATION;
            case "23503": return ErrorKind.FOREIGN_KEY_VIOLATION;
            case "23502": return ErrorKind.NOT_NULL_VIOLATION;
            case "23514": return ErrorKind.CHECK_VIOLATION;
            case "40001": case "40P01": return ErrorKind.DEADLOCK_OR_SERIALIZATION;
            case "57014": return ErrorKind.TIMEOUT;
            default: break;
        }
        if (state.startsWith("08")) {
            return ErrorKind.CONNECTION;
        }
        if (state.startsWith("42")) {
            return ErrorKind.SYNTAX;
        }
        return ErrorKind.OTHER;
    }
}
