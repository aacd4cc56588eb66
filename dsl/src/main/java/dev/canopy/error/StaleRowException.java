package dev.canopy.error;

/**
 * An optimistic-locking update found the row changed (or gone) since it was read: its version attribute no longer
 * holds the value the update was based on. The message names the model, the key and the version expected.
 */
public final class StaleRowException extends CanopyException {
    private static final long serialVersionUID = 1L;

    public StaleRowException(String message) {
        super(message);
    }
}
