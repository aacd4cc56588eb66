package dev.canopy.error;

import org.jspecify.annotations.Nullable;

/**
 * A statement broke a constraint of the schema. A write names the model and attribute the constraint is on when the
 * database tells the constraint or column ({@link #model()}, {@link #attribute()}); the values of the row are never
 * in the message (the database's own text is shown with its quoted values replaced by {@code ?}).
 */
public class ConstraintViolationException extends DatabaseException {
    private static final long serialVersionUID = 1L;

    private final @Nullable String model;
    private final @Nullable String attribute;

    public ConstraintViolationException(String message, @Nullable Throwable cause) {
        this(message, cause, null, null);
    }

    public ConstraintViolationException(String message, @Nullable Throwable cause, @Nullable String model, @Nullable String attribute) {
        super(message, cause);
        this.model = model;
        this.attribute = attribute;
    }

    /** The model whose row broke the constraint, when known. */
    public @Nullable String model() {
        return model;
    }

    /** The attribute the constraint is on, when the database named it (a composite constraint: its first). */
    public @Nullable String attribute() {
        return attribute;
    }
}
