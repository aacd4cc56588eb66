package dev.canopy.schema;

import java.util.List;

/**
 * What a {@code sync} did (or, dry, would do).
 *
 * @param changes    one line per change: {@code create table users}, {@code add column users.isbn}, ...
 * @param statements the SQL that ran (or would run), in order
 * @param skipped    changes left undone because they destroy data and were not asked for, each saying how to ask
 */
public record SyncResult(List<String> changes, List<String> statements, List<String> skipped) {
    public SyncResult {
        changes = List.copyOf(changes);
        statements = List.copyOf(statements);
        skipped = List.copyOf(skipped);
    }

    /** Whether the database already matched the models. */
    public boolean isEmpty() {
        return changes.isEmpty();
    }
}
