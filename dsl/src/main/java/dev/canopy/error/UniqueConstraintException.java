package dev.canopy.error;

import org.jspecify.annotations.Nullable;

/** An insert or update would duplicate a unique key. */
public class UniqueConstraintException extends ConstraintViolationException {
    private static final long serialVersionUID = 1L;

    public UniqueConstraintException(String message, @Nullable Throwable cause) {
        super(message, cause);
    }
}
