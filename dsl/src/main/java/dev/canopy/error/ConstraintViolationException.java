package dev.canopy.error;

import org.jspecify.annotations.Nullable;

/** A statement broke a constraint of the schema. */
public class ConstraintViolationException extends DatabaseException {
    private static final long serialVersionUID = 1L;

    public ConstraintViolationException(String message, @Nullable Throwable cause) {
        super(message, cause);
    }
}
