package dev.canopy.error;

/**
 * An update or destroy without a where: refused, because forgetting a where should not change every row. Ask for
 * every row explicitly with {@code Where.all()}.
 */
public final class UnscopedWriteException extends QueryException {
    private static final long serialVersionUID = 1L;

    public UnscopedWriteException(String message) {
        super(message);
    }
}
