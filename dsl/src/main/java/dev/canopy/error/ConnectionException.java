package dev.canopy.error;

import org.jspecify.annotations.Nullable;

/** The database cannot be reached, or the connection was lost. */
public class ConnectionException extends DatabaseException {
    private static final long serialVersionUID = 1L;

    public ConnectionException(String message, @Nullable Throwable cause) {
        super(message, cause);
    }
}
