package dev.canopy.exec;

import dev.canopy.dialect.Dialect;
import dev.canopy.error.CheckConstraintException;
import dev.canopy.error.ConnectionException;
import dev.canopy.error.DatabaseException;
import dev.canopy.error.ForeignKeyConstraintException;
import dev.canopy.error.NotNullConstraintException;
import dev.canopy.error.QueryTimeoutException;
import dev.canopy.error.TransactionConflictException;
import dev.canopy.error.UniqueConstraintException;
import java.sql.SQLException;

/** Turns a driver's {@link SQLException} into Canopy's typed exception, as the dialect classifies it. */
public final class ErrorTranslator {
    private ErrorTranslator() {}

    public static DatabaseException translate(Dialect dialect, SQLException e, String sql) {
        dev.canopy.dialect.ErrorKind kind = dialect.classify(e);
        String text = firstLine(e.getMessage());
        switch (kind) {
            case UNIQUE_VIOLATION: case FOREIGN_KEY_VIOLATION: case NOT_NULL_VIOLATION: case CHECK_VIOLATION:
                text = redact(text);
                break;
            default:
                break;
        }
        String message = text + " [SQLState " + e.getSQLState() + ", " + dialect.name() + " code "
                + e.getErrorCode() + "] in: " + abbreviate(sql);
        switch (kind) {
            case UNIQUE_VIOLATION: return new UniqueConstraintException("Unique constraint violated: " + message, e);
            case FOREIGN_KEY_VIOLATION: return new ForeignKeyConstraintException("Foreign key constraint violated: " + message, e);
            case NOT_NULL_VIOLATION: return new NotNullConstraintException("NOT NULL constraint violated: " + message, e);
            case CHECK_VIOLATION: return new CheckConstraintException("CHECK constraint violated: " + message, e);
            case DEADLOCK_OR_SERIALIZATION: return new TransactionConflictException("Deadlock or serialization failure: " + message, e);
            case CONNECTION: return new ConnectionException("Database connection failed: " + message, e);
            case TIMEOUT: return new QueryTimeoutException("Statement timed out: " + message, e);
            default: return new DatabaseException("Database error: " + message, e);
        }
    }

    /** Single-quoted literals become {@code '?'} (names after {@code key} or {@code constraint} stay); H2's VALUES lists go. */
    private static final java.util.regex.Pattern QUOTED = java.util.regex.Pattern.compile("(?i)(key |constraint |column )?'[^']*'");

    /**
     * A vendor's constraint message without the values of the row: H2 and MariaDB quote the duplicate value in theirs,
     * and a message ends up in logs, where values (a password hash, an e-mail) must not go unless bind logging is on.
     */
    static String redact(String message) {
        String s = message.replaceAll("VALUES \\(.*\\)", "VALUES (?)").replaceAll("\\(CAST\\(.*? AS [^)]*\\)\\)", "(?)");
        java.util.regex.Matcher m = QUOTED.matcher(s);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, java.util.regex.Matcher.quoteReplacement(m.group(1) != null ? m.group() : "'?'"));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "(no message)";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    private static String abbreviate(String sql) {
        return sql.length() <= 300 ? sql : sql.substring(0, 297) + "...";
    }
}
