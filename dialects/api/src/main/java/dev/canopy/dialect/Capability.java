package dev.canopy.dialect;

/**
 * Something a database may or may not do, that changes what Canopy does: each constant is read by the code it names,
 * so no other code needs to know which database it talks to. What jOOQ emulates on its own (NULLS FIRST/LAST,
 * ILIKE, nested joins) is not a capability here.
 */
public enum Capability {
    /** {@code INSERT ... RETURNING}: writes read generated keys of many rows from one statement. */
    RETURNING,
    /** {@code RIGHT OUTER JOIN}: without it the planner refuses a {@code right()} include, naming the database. */
    RIGHT_JOIN,
    /**
     * Window functions such as {@code ROW_NUMBER() OVER (PARTITION BY ...)}: without them the planner refuses a
     * per-parent {@code limit} on a separate include, naming the database.
     */
    WINDOW_FUNCTIONS,
    /** DDL statements take part in transactions: a migration runs in one, and a failure leaves nothing half-done. */
    TRANSACTIONAL_DDL,
    /**
     * A whole array bound as one parameter ({@code x = ANY(?)}): long {@code isIn} lists then take one bind instead
     * of one per value, and never cross the bind-parameter limit.
     */
    ARRAY_BIND,
    /**
     * A transaction can be made read-only on an open connection ({@link java.sql.Connection#setReadOnly}); without it
     * (SQLite, read-only only per connection) a read-only transaction is an unenforced hint.
     */
    READ_ONLY_TRANSACTIONS,
    /**
     * The driver reads a result set a fetch size at a time only inside a transaction (PgJDBC with auto-commit off);
     * with auto-commit on it reads the whole result into memory first. {@code db.stream(q)} then runs in a read-only
     * transaction of its own. Drivers that stream otherwise are told so by their dialect's pool properties (MySQL
     * Connector/J's {@code useCursorFetch}); H2 and SQLite read row by row (H2 spills a large result to disk).
     */
    STREAM_IN_TRANSACTION,
    /**
     * The driver cancels a statement that runs past {@code Statement.setQueryTimeout}. Without it (the SQLite driver
     * takes the setting as its lock wait), Canopy cancels the statement itself when the time is up.
     */
    QUERY_TIMEOUT
}
