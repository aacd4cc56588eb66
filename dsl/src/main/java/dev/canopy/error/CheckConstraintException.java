package dev.canopy.error;

import org.jspecify.annotations.Nullable;

/** A CHECK constraint is not met. */
public class CheckConstraintException extends ConstraintViolationException {
    private static final long serialVersionUID = 1L;

    public CheckConstraintException(String message, @Nullable Throwable cause) {
        super(message, cause);
    }
}
