package dev.canopy.dialect.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.canopy.dialect.ErrorKind;
import java.sql.SQLException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/** SQLite's result codes, classified without a database. */
class SqliteDialectTest {
    private final SqliteDialect d = new SqliteDialect();

    private static SQLiteException code(SQLiteErrorCode code, String detail) {
        return new SQLiteException("[" + code.name() + "] " + code.message + " (" + detail + ")", code);
    }

    @Test
    @DisplayName("extended result codes name the constraint; busy and locked are conflicts, interrupt a timeout")
    void resultCodes() {
        assertThat(d.classify(code(SQLiteErrorCode.SQLITE_CONSTRAINT_UNIQUE, "UNIQUE constraint failed: t.u"))).isEqualTo(ErrorKind.UNIQUE_VIOLATION);
        assertThat(d.classify(code(SQLiteErrorCode.SQLITE_CONSTRAINT_PRIMARYKEY, "UNIQUE constraint failed: t.id"))).isEqualTo(ErrorKind.UNIQUE_VIOLATION);
        assertThat(d.classify(code(SQLiteErrorCode.SQLITE_CONSTRAINT_FOREIGNKEY, "FOREIGN KEY constraint failed"))).isEqualTo(ErrorKind.FOREIGN_KEY_VIOLATION);
        assertThat(d.classify(code(SQLiteErrorCode.SQLITE_CONSTRAINT_NOTNULL, "NOT NULL constraint failed: t.n"))).isEqualTo(ErrorKind.NOT_NULL_VIOLATION);
        assertThat(d.classify(code(SQLiteErrorCode.SQLITE_CONSTRAINT_CHECK, "CHECK constraint failed: ck"))).isEqualTo(ErrorKind.CHECK_VIOLATION);
        assertThat(d.classify(code(SQLiteErrorCode.SQLITE_BUSY, "database is locked"))).isEqualTo(ErrorKind.DEADLOCK_OR_SERIALIZATION);
        assertThat(d.classify(code(SQLiteErrorCode.SQLITE_BUSY_SNAPSHOT, "database is locked"))).isEqualTo(ErrorKind.DEADLOCK_OR_SERIALIZATION);
        assertThat(d.classify(code(SQLiteErrorCode.SQLITE_LOCKED, "database table is locked"))).isEqualTo(ErrorKind.DEADLOCK_OR_SERIALIZATION);
        assertThat(d.classify(code(SQLiteErrorCode.SQLITE_INTERRUPT, "interrupted"))).isEqualTo(ErrorKind.TIMEOUT);
        assertThat(d.classify(code(SQLiteErrorCode.SQLITE_CANTOPEN, "unable to open database file"))).isEqualTo(ErrorKind.CONNECTION);
    }

    @Test
    @DisplayName("SQLITE_ERROR is told apart by its message: unknown objects, syntax, anything else")
    void plainErrors() {
        assertThat(d.classify(code(SQLiteErrorCode.SQLITE_ERROR, "no such table: nope"))).isEqualTo(ErrorKind.UNKNOWN_OBJECT);
        assertThat(d.classify(code(SQLiteErrorCode.SQLITE_ERROR, "no such column: nope"))).isEqualTo(ErrorKind.UNKNOWN_OBJECT);
        assertThat(d.classify(code(SQLiteErrorCode.SQLITE_ERROR, "near \"selec\": syntax error"))).isEqualTo(ErrorKind.SYNTAX);
        assertThat(d.classify(code(SQLiteErrorCode.SQLITE_ERROR, "too many SQL variables"))).isEqualTo(ErrorKind.OTHER);
    }

    @Test
    @DisplayName("without extended codes, the primary code and the message still name the constraint")
    void primaryCodeOnly() {
        assertThat(d.classify(new SQLException("[SQLITE_CONSTRAINT] Abort due to constraint violation (UNIQUE constraint failed: t.u)", null, 19)))
                .isEqualTo(ErrorKind.UNIQUE_VIOLATION);
        assertThat(d.classify(new SQLException("(FOREIGN KEY constraint failed)", null, 19))).isEqualTo(ErrorKind.FOREIGN_KEY_VIOLATION);
        assertThat(d.classify(new SQLException("(NOT NULL constraint failed: t.n)", null, 19))).isEqualTo(ErrorKind.NOT_NULL_VIOLATION);
    }

    @Test
    @DisplayName("a pool gets foreign keys enforced and a busy timeout")
    void poolProperties() {
        assertThat(d.poolProperties()).containsEntry("foreign_keys", "true").containsKey("busy_timeout");
        assertThat(d.acceptsUrl("jdbc:sqlite:/tmp/x.db")).isTrue();
        assertThat(d.acceptsUrl("jdbc:sqlite::memory:")).isTrue();
    }
}
