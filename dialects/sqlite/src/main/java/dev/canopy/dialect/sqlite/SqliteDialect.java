package dev.canopy.dialect.sqlite;

import dev.canopy.dialect.Capability;
import dev.canopy.dialect.Dialect;
import dev.canopy.dialect.ErrorKind;
import dev.canopy.dialect.SqlStates;
import java.sql.SQLException;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.jooq.SQLDialect;
import org.jspecify.annotations.Nullable;
import org.sqlite.SQLiteException;

/**
 * SQLite, embedded, through the xerial driver, which ships SQLite's native library in its jar: a file
 * ({@code jdbc:sqlite:/path/app.db}) needs nothing installed. The SQLite in the jar (3.54 with the driver Canopy
 * depends on) has {@code RETURNING} (3.35), {@code RIGHT JOIN} (3.39), {@code NULLS FIRST/LAST} (3.30), window
 * functions (3.25) and the JSON functions built in; {@code ILIKE} is emulated by jOOQ as {@code lower(a) LIKE lower(b)}.
 *
 * <p>A pool needs one database shared by its connections: a file, or {@code jdbc:sqlite:file:name?mode=memory&cache=shared}.
 * A plain {@code jdbc:sqlite::memory:} gives every pooled connection a database of its own.
 */
public final class SqliteDialect implements Dialect {
    private static final Set<Capability> CAPABILITIES = Collections.unmodifiableSet(EnumSet.of(
            Capability.RETURNING, Capability.RIGHT_JOIN, Capability.WINDOW_FUNCTIONS, Capability.TRANSACTIONAL_DDL));

    /**
     * Foreign keys enforced (SQLite leaves them off per connection unless asked), and a writer that finds the database
     * locked by another pooled connection waits for it rather than failing at once.
     */
    private static final Map<String, String> POOL_PROPERTIES = Map.of(
            "foreign_keys", "true",
            "busy_timeout", "10000");

    @Override public String name() { return "sqlite"; }
    @Override public SQLDialect jooqDialect() { return SQLDialect.SQLITE; }
    @Override public boolean acceptsUrl(String jdbcUrl) { return jdbcUrl.startsWith("jdbc:sqlite:"); }
    @Override public Set<Capability> capabilities() { return CAPABILITIES; }
    /**
     * SQLite's default SQLITE_MAX_VARIABLE_NUMBER since 3.32. The xerial build allows 250,000, but a statement that
     * long also meets the 1,000,000-byte statement limit, and any other SQLite build keeps the default.
     */
    @Override public int maxBindParameters() { return 32_766; }
    /** SQLite does not cut identifiers; only the statement length (1,000,000 bytes by default) bounds them. */
    @Override public int maxIdentifierLength() { return Integer.MAX_VALUE; }
    @Override public String driverClassName() { return "org.sqlite.JDBC"; }
    @Override public Map<String, String> poolProperties() { return POOL_PROPERTIES; }

    /** SQLite keeps timestamps as ISO text; the driver would bind {@code 2021-01-02T00:00}, which never equals stored text. */
    @Override public Object toJdbc(Object value) {
        return value instanceof java.time.LocalDateTime ? SQL_TIMESTAMP.format((java.time.LocalDateTime) value) : value;
    }

    private static final java.time.format.DateTimeFormatter SQL_TIMESTAMP = new java.time.format.DateTimeFormatterBuilder()
            .appendPattern("yyyy-MM-dd HH:mm:ss").appendFraction(java.time.temporal.ChronoField.NANO_OF_SECOND, 0, 9, true).toFormatter();

    /**
     * SQLite's extended result codes (the xerial driver turns them on) say which constraint failed; the primary code
     * ({@link SQLException#getErrorCode()}) and the message are the fallback for an exception that is not the driver's.
     */
    @Override
    public ErrorKind classify(SQLException e) {
        int code = e instanceof SQLiteException ? ((SQLiteException) e).getResultCode().code : e.getErrorCode();
        switch (code) {
            case 2067: // SQLITE_CONSTRAINT_UNIQUE
            case 1555: // SQLITE_CONSTRAINT_PRIMARYKEY
                return ErrorKind.UNIQUE_VIOLATION;
            case 787: // SQLITE_CONSTRAINT_FOREIGNKEY
                return ErrorKind.FOREIGN_KEY_VIOLATION;
            case 1299: // SQLITE_CONSTRAINT_NOTNULL
                return ErrorKind.NOT_NULL_VIOLATION;
            case 275: // SQLITE_CONSTRAINT_CHECK
                return ErrorKind.CHECK_VIOLATION;
            default:
                break;
        }
        String message = e.getMessage() == null ? "" : e.getMessage();
        switch (code & 0xff) {
            case 19: // SQLITE_CONSTRAINT without an extended code
                return constraintFromMessage(message);
            case 5: // SQLITE_BUSY: another connection holds the write lock past busy_timeout
            case 6: // SQLITE_LOCKED: a conflict inside a shared cache
                return ErrorKind.DEADLOCK_OR_SERIALIZATION;
            case 9: // SQLITE_INTERRUPT: how the driver cancels a statement at its query timeout
                return ErrorKind.TIMEOUT;
            case 14: // SQLITE_CANTOPEN
            case 26: // SQLITE_NOTADB
                return ErrorKind.CONNECTION;
            case 1: // SQLITE_ERROR: one code for every error in the statement; only the message tells them apart
                if (message.contains("no such table") || message.contains("no such column")
                        || message.contains("no such function") || message.contains("no such index")) {
                    return ErrorKind.UNKNOWN_OBJECT;
                }
                if (message.contains("syntax error") || message.contains("incomplete input")) {
                    return ErrorKind.SYNTAX;
                }
                return ErrorKind.OTHER;
            default:
                return SqlStates.classify(e);
        }
    }

    private static ErrorKind constraintFromMessage(String message) {
        if (message.contains("UNIQUE constraint failed")) {
            return ErrorKind.UNIQUE_VIOLATION;
        }
        if (message.contains("FOREIGN KEY constraint failed")) {
            return ErrorKind.FOREIGN_KEY_VIOLATION;
        }
        if (message.contains("NOT NULL constraint failed")) {
            return ErrorKind.NOT_NULL_VIOLATION;
        }
        if (message.contains("CHECK constraint failed")) {
            return ErrorKind.CHECK_VIOLATION;
        }
        return ErrorKind.OTHER;
    }

    @Override public boolean equals(@Nullable Object o) { return o instanceof SqliteDialect; }
    @Override public int hashCode() { return SqliteDialect.class.hashCode(); }
    @Override public String toString() { return "SqliteDialect"; }
}
