package dev.canopy.dialect;

/**
 * What a vendor's {@link java.sql.SQLException} means, in words a user can catch.
 * Dialects classify; the executor turns the kind into Canopy's typed unchecked exception.
 */
public enum ErrorKind {
    UNIQUE_VIOLATION,
    FOREIGN_KEY_VIOLATION,
    NOT_NULL_VIOLATION,
    CHECK_VIOLATION,
    DEADLOCK_OR_SERIALIZATION,
    CONNECTION,
    TIMEOUT,
    SYNTAX,
    UNKNOWN_OBJECT,
    OTHER
}
