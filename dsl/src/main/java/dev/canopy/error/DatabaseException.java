package dev.canopy.error;

import org.jspecify.annotations.Nullable;

/** The database refused or failed a statement; the cause is the driver's exception, the message says which statement. */
public class DatabaseException extends CanopyException {
    private static final long serialVersionUID = 1L;

    public DatabaseException(String message, @Nullable Throwable cause) {
        super(message, cause);
    }
}
