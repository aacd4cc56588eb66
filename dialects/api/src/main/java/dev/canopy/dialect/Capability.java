package dev.canopy.dialect;

/**
 * Something a database may or may not do natively. The planner decides in one place what to emulate
 * when a capability is missing, so no other code needs to know which database it talks to.
 */
public enum Capability {
    /** {@code INSERT ... RETURNING} (or an equivalent jOOQ can render). */
    RETURNING,
    /** {@code RIGHT OUTER JOIN}. */
    RIGHT_JOIN,
    /** {@code ORDER BY x NULLS FIRST / NULLS LAST}. */
    NULLS_ORDERING,
    /** A native case-insensitive {@code ILIKE}; without it Canopy renders {@code lower(a) LIKE lower(b)}. */
    ILIKE,
    /** Window functions such as {@code ROW_NUMBER() OVER (PARTITION BY ...)}. */
    WINDOW_FUNCTIONS,
    /** Parenthesised nested joins: {@code LEFT JOIN (b JOIN c ON ..) ON ..}. */
    NESTED_JOINS,
    /** DDL statements take part in transactions. */
    TRANSACTIONAL_DDL,
    /** JSON functions and a JSON column type. */
    JSON,
    /**
     * A whole array bound as one parameter ({@code x = ANY(?)}): long {@code isIn} lists then take one bind instead
     * of one per value, and never cross the bind-parameter limit.
     */
    ARRAY_BIND,
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
