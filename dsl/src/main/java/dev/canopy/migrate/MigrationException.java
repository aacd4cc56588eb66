package dev.canopy.migrate;

import dev.canopy.error.CanopyException;
import org.jspecify.annotations.Nullable;

/**
 * The database's migration state refuses a run: a checksum mismatch, a migration that failed before, the lock held
 * by another migrator, a failed step. The message names the migration and what to do.
 */
public class MigrationException extends CanopyException {
    private static final long serialVersionUID = 1L;

    public MigrationException(String message) {
        super(message);
    }

    public MigrationException(String message, @Nullable Throwable cause) {
        super(message, cause);
    }
}
