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
     * A transaction can be made read-only on an open connection ({@link java.sql.Connection#setReadOnly}); without it
     * (SQLite, read-only only per connection) a read-only transaction is an unenforced hint.
     */
    READ_ONLY_TRANSACTIONS
}
