package dev.canopy.error;

import java.util.List;

/**
 * An include names its association by model ({@code Include.of(EMPLOYEE)}, JSON {@code {"model": "Employee"}}) where
 * more than one association of the parent leads to that model; the message lists their aliases, one of which the
 * include must name instead: {@code Employee is associated to Employee more than once (manager, reports); include one by alias}.
 */
public final class AmbiguousAssociationException extends AssociationNotFoundException {
    private static final long serialVersionUID = 1L;

    private final List<String> candidates;

    public AmbiguousAssociationException(String source, String target, List<String> candidates) {
        super(target + " is associated to " + source + " more than once (" + String.join(", ", candidates)
                + "); include one by alias");
        this.candidates = List.copyOf(candidates);
    }

    /** The aliases of the associations that lead to the model. */
    public List<String> candidates() {
        return candidates;
    }
}
