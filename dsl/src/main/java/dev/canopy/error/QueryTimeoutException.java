package dev.canopy.error;

import org.jspecify.annotations.Nullable;

/** A statement ran longer than its timeout. */
public class QueryTimeoutException extends DatabaseException {
    private static final long serialVersionUID = 1L;

    public QueryTimeoutException(String message, @Nullable Throwable cause) {
        super(message, cause);
    }
}
