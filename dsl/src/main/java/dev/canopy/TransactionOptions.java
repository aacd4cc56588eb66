package dev.canopy;

import com.google.errorprone.annotations.CheckReturnValue;
import java.sql.Connection;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The isolation level and read-only flag of one transaction. A nested {@code transaction(...)} is a savepoint of the
 * outer one and keeps the outer one's options.
 * <pre>{@code
 * db.transaction(TransactionOptions.isolation(Isolation.SERIALIZABLE), () -> transfer(a, b, 10));
 * db.transaction(TransactionOptions.defaults().readOnly(), () -> db.findAll(report));
 * }</pre>
 */
@CheckReturnValue
public final class TransactionOptions {
    /** The SQL isolation levels; SQLite has SERIALIZABLE only (and READ UNCOMMITTED with shared cache). */
    public enum Isolation {
        READ_UNCOMMITTED(Connection.TRANSACTION_READ_UNCOMMITTED),
        READ_COMMITTED(Connection.TRANSACTION_READ_COMMITTED),
        REPEATABLE_READ(Connection.TRANSACTION_REPEATABLE_READ),
        SERIALIZABLE(Connection.TRANSACTION_SERIALIZABLE);

        private final int jdbc;

        Isolation(int jdbc) {
            this.jdbc = jdbc;
        }

        int jdbc() {
            return jdbc;
        }
    }

    private static final TransactionOptions DEFAULTS = new TransactionOptions(null, false);

    private final @Nullable Isolation isolation;
    private final boolean readOnly;

    private TransactionOptions(@Nullable Isolation isolation, boolean readOnly) {
        this.isolation = isolation;
        this.readOnly = readOnly;
    }

    /** The pool's isolation level, read-write. */
    public static TransactionOptions defaults() {
        return DEFAULTS;
    }

    public static TransactionOptions isolation(Isolation level) {
        return new TransactionOptions(Objects.requireNonNull(level, "isolation is null"), false);
    }

    /** These options, read-only: the database refuses writes (where it can tell; SQLite cannot per transaction). */
    public TransactionOptions readOnly() {
        return new TransactionOptions(isolation, true);
    }

    public TransactionOptions withIsolation(Isolation level) {
        return new TransactionOptions(Objects.requireNonNull(level, "isolation is null"), readOnly);
    }

    public @Nullable Isolation isolationLevel() { return isolation; }
    public boolean isReadOnly() { return readOnly; }

    int jdbcIsolation() {
        return isolation == null ? -1 : isolation.jdbc();
    }

    @Override public boolean equals(@Nullable Object o) {
        return o instanceof TransactionOptions && ((TransactionOptions) o).isolation == isolation && ((TransactionOptions) o).readOnly == readOnly;
    }

    @Override public int hashCode() { return Objects.hash(isolation, readOnly); }

    @Override public String toString() { return "TransactionOptions{isolation=" + isolation + ", readOnly=" + readOnly + "}"; }
}
