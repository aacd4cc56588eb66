package dev.canopy.error;

/** A query or a definition names an attribute its model does not have. The message lists the attributes that exist. */
public final class UnknownColumnException extends SchemaException {
    private static final long serialVersionUID = 1L;

    public UnknownColumnException(String message) {
        super(message);
    }
}
