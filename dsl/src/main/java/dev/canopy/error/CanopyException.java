package dev.canopy.error;

import org.jspecify.annotations.Nullable;

/** The root of every exception Canopy throws. Unchecked: no Canopy API declares a checked exception. */
public class CanopyException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public CanopyException(String message) {
        super(message);
    }

    public CanopyException(String message, @Nullable Throwable cause) {
        super(message, cause);
    }
}
