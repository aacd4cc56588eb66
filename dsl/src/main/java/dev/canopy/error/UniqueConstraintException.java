package dev.canopy.error;

import org.jspecify.annotations.Nullable;

/** An insert or update would duplicate a unique key. */
public class UniqueConstraintException extends ConstraintViolationException {
    private static final long serialVersionUID = 1L;

    public UniqueConstraintException(String message, @Nullable Throwable cause) {
        super(message, cause);
    }

    /** With the model and attribute the violated constraint is on, when Canopy could tell. */
    public UniqueConstraintException(String message, @Nullable Throwable cause, @Nullable String model, @Nullable String attribute) {
        super(message, cause, model, attribute);
    }
}
