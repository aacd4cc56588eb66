package dev.canopy.dialect;

/** No dialect on the class path serves the URL or name a user gave. */
public final class UnknownDialectException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public UnknownDialectException(String message) {
        super(message);
    }
}
