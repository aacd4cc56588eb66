package dev.canopy.error;

import org.jspecify.annotations.Nullable;

/** A NOT NULL column would be left empty. */
public class NotNullConstraintException extends ConstraintViolationException {
    private static final long serialVersionUID = 1L;

    public NotNullConstraintException(String message, @Nullable Throwable cause) {
        super(message, cause);
    }

    /** With the model and attribute the violated constraint is on, when Canopy could tell. */
    public NotNullConstraintException(String message, @Nullable Throwable cause, @Nullable String model, @Nullable String attribute) {
        super(message, cause, model, attribute);
    }
}
