package dev.canopy.error;

import org.jspecify.annotations.Nullable;

/** A deadlock or a serialization failure; retrying the transaction may succeed. */
public class TransactionConflictException extends DatabaseException {
    private static final long serialVersionUID = 1L;

    public TransactionConflictException(String message, @Nullable Throwable cause) {
        super(message, cause);
    }
}
