package dev.canopy.error;

/**
 * Values given to a write do not fit their model: an attribute or alias it does not have, a value of the wrong type,
 * a nested child where the association cannot take one. Thrown before any SQL runs; the message names the model, the
 * attribute and what exists.
 */
public final class InvalidValuesException extends QueryException {
    private static final long serialVersionUID = 1L;

    public InvalidValuesException(String message) {
        super(message);
    }
}
