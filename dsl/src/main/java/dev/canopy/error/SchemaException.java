package dev.canopy.error;

/** A model, column or association is defined wrongly, or is asked for under a name that does not exist. */
public class SchemaException extends CanopyException {
    private static final long serialVersionUID = 1L;

    public SchemaException(String message) {
        super(message);
    }
}
