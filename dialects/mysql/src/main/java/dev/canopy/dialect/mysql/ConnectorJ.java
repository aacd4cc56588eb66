package dev.canopy.dialect.mysql;

import dev.canopy.dialect.ErrorKind;
import dev.canopy.dialect.SqlStates;
import java.sql.SQLException;
import java.util.Map;

/**
 * What MySQL and MariaDB share when reached through MySQL Connector/J: the driver, its recommended pool settings and
 * the server error numbers, which MariaDB kept from MySQL (plus a few of its own).
 */
final class ConnectorJ {
    private ConnectorJ() {}

    static final String DRIVER = "com.mysql.cj.jdbc.Driver";

    /**
     * Connector/J's performance settings as HikariCP's MySQL guide recommends them: server-side prepared statements,
     * cached per connection, and batched inserts rewritten to multi-row inserts. No SQL mode is forced: jOOQ quotes
     * with backticks and binds every value, so the server's own (strict) mode is what a user expects.
     * {@code useCursorFetch} makes a statement with a fetch size (only {@code db.stream(q)} sets one) read through a
     * server-side cursor, a fetch size at a time; without it Connector/J reads the whole result into memory.
     */
    static final Map<String, String> POOL_PROPERTIES = Map.ofEntries(
            Map.entry("cachePrepStmts", "true"),
            Map.entry("prepStmtCacheSize", "250"),
            Map.entry("prepStmtCacheSqlLimit", "2048"),
            Map.entry("useServerPrepStmts", "true"),
            Map.entry("useLocalSessionState", "true"),
            Map.entry("rewriteBatchedStatements", "true"),
            Map.entry("cacheResultSetMetadata", "true"),
            Map.entry("cacheServerConfiguration", "true"),
            Map.entry("elideSetAutoCommits", "true"),
            Map.entry("maintainTimeStats", "false"),
            Map.entry("useCursorFetch", "true"));

    /** Server error numbers first (they are precise), then the standard SQLState classes. */
    static ErrorKind classify(SQLException e) {
        switch (e.getErrorCode()) {
            case 1062: // ER_DUP_ENTRY
            case 1022: // ER_DUP_KEY
            case 1586: // ER_DUP_ENTRY_WITH_KEY_NAME
                return ErrorKind.UNIQUE_VIOLATION;
            case 1451: case 1452: // ER_ROW_IS_REFERENCED_2, ER_NO_REFERENCED_ROW_2
            case 1216: case 1217: // the same, from servers that do not name the constraint
                return ErrorKind.FOREIGN_KEY_VIOLATION;
            case 1048: // ER_BAD_NULL_ERROR
            case 1364: // ER_NO_DEFAULT_FOR_FIELD: a NOT NULL column left out in strict mode
            case 1263: // ER_WARN_NULL_TO_NOTNULL, raised as an error in strict mode
                return ErrorKind.NOT_NULL_VIOLATION;
            case 3819: // MySQL ER_CHECK_CONSTRAINT_VIOLATED
            case 4025: // MariaDB ER_CONSTRAINT_FAILED
                return ErrorKind.CHECK_VIOLATION;
            case 1213: // ER_LOCK_DEADLOCK
            case 1205: // ER_LOCK_WAIT_TIMEOUT: lost a lock race; retrying the transaction is the remedy, as for a deadlock
                return ErrorKind.DEADLOCK_OR_SERIALIZATION;
            case 3024: // MySQL ER_QUERY_TIMEOUT (max_execution_time)
            case 1969: // MariaDB ER_STATEMENT_TIMEOUT (max_statement_time)
            case 1317: // ER_QUERY_INTERRUPTED
                return ErrorKind.TIMEOUT;
            case 2002: case 2003: case 2006: case 2013: // client: cannot connect, server gone, lost connection
            case 1040: case 1053: case 1152: case 1158: case 1159: case 1160: case 1161: // too many connections, shutdown, aborted, net errors
                return ErrorKind.CONNECTION;
            case 1146: // ER_NO_SUCH_TABLE
            case 1054: // ER_BAD_FIELD_ERROR
            case 1049: // ER_BAD_DB_ERROR
            case 1305: // ER_SP_DOES_NOT_EXIST
            case 1051: // ER_BAD_TABLE_ERROR
                return ErrorKind.UNKNOWN_OBJECT;
            case 1064: // ER_PARSE_ERROR
            case 1149: // ER_SYNTAX_ERROR
                return ErrorKind.SYNTAX;
            default:
                break;
        }
        // Connector/J reports integrity violations as SQLState 23000 with the number above, and its own timeouts
        // (setQueryTimeout) and lost connections as SQLTimeoutException / connection exceptions without a number.
        return SqlStates.classify(e);
    }

    /** MySQL's and MariaDB's {@code TIMESTAMP} holds 1970–2038 and turns NULL into now(); a timestamp is a {@code DATETIME(6)}. */
    @SuppressWarnings("deprecation")
    static org.jooq.DataType<?> columnType(org.jooq.DataType<?> type) {
        if (type.getSQLDataType() == org.jooq.impl.SQLDataType.LOCALDATETIME) {
            org.jooq.DataType<java.time.LocalDateTime> datetime =
                    new org.jooq.impl.DefaultDataType<>(null, org.jooq.impl.SQLDataType.LOCALDATETIME, "datetime").precision(6);
            return datetime.nullable(type.nullable());
        }
        return type;
    }

    /** Connector/J would serialize a {@link java.util.UUID} as a Java object; it is stored as its text. */
    static Object toJdbc(Object value) {
        return value instanceof java.util.UUID ? value.toString() : value;
    }
}
