package dev.canopy.error;

import org.jspecify.annotations.Nullable;

/** A row refers to a row that does not exist, or a referenced row would be removed. */
public class ForeignKeyConstraintException extends ConstraintViolationException {
    private static final long serialVersionUID = 1L;

    public ForeignKeyConstraintException(String message, @Nullable Throwable cause) {
        super(message, cause);
    }

    /** With the model and attribute the violated constraint is on, when Canopy could tell. */
    public ForeignKeyConstraintException(String message, @Nullable Throwable cause, @Nullable String model, @Nullable String attribute) {
        super(message, cause, model, attribute);
    }
}
