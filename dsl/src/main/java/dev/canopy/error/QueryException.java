package dev.canopy.error;

/**
 * A query is composed in a way Canopy can see is wrong before any SQL runs: a where on a model that is not in the
 * include tree, a path that does not exist, a limit below zero.
 */
public class QueryException extends CanopyException {
    private static final long serialVersionUID = 1L;

    public QueryException(String message) {
        super(message);
    }

    public QueryException(String message, @org.jspecify.annotations.Nullable Throwable cause) {
        super(message, cause);
    }
}
