package dev.canopy.error;

/**
 * An include or a path names an association its model does not have. The message names the model and lists the
 * aliases it does have: {@code Reference is not associated to User; User has: documents, organization}.
 */
public class AssociationNotFoundException extends SchemaException {
    private static final long serialVersionUID = 1L;

    public AssociationNotFoundException(String message) {
        super(message);
    }
}
