package dev.canopy.migrate;

import dev.canopy.error.SchemaException;

/** The migrations themselves are wrong: an unknown name, a file without {@code -- up}, a source that does not compile. */
public class MigrationSourceException extends SchemaException {
    private static final long serialVersionUID = 1L;

    public MigrationSourceException(String message) {
        super(message);
    }
}
