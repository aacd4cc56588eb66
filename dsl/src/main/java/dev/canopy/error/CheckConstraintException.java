package dev.canopy.error;

import org.jspecify.annotations.Nullable;

/** A CHECK constraint is not met. */
public class CheckConstraintException extends ConstraintViolationException {
    private static final long serialVersionUID = 1L;

    public CheckConstraintException(String message, @Nullable Throwable cause) {
        super(message, cause);
    }

    /** With the model and attribute the violated constraint is on, when Canopy could tell. */
    public CheckConstraintException(String message, @Nullable Throwable cause, @Nullable String model, @Nullable String attribute) {
        super(message, cause, model, attribute);
    }
}
