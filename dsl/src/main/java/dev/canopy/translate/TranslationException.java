package dev.canopy.translate;

import dev.canopy.error.QueryException;

/**
 * SQL that cannot be translated into an include tree: the message names the part of the SQL and why, and, for a
 * join that no association covers, the association that would cover it:
 * {@code no association of Event joins events.event_tz = zones.zid; declare Event.belongsTo(Zone, foreignKey: eventTz, targetKey: zid)}.
 */
public class TranslationException extends QueryException {
    private static final long serialVersionUID = 1L;

    public TranslationException(String message) {
        super(message);
    }

    public TranslationException(String message, Throwable cause) {
        super(message, cause);
    }
}
