package dev.canopy.error;

import org.jspecify.annotations.Nullable;

/** A row refers to a row that does not exist, or a referenced row would be removed. */
public class ForeignKeyConstraintException extends ConstraintViolationException {
    private static final long serialVersionUID = 1L;

    public ForeignKeyConstraintException(String message, @Nullable Throwable cause) {
        super(message, cause);
    }
}
