package dev.canopy.write;

import dev.canopy.model.Column;
import dev.canopy.model.Model;
import java.time.LocalDateTime;
import org.jspecify.annotations.Nullable;

/**
 * The bookkeeping columns a model's options ask for: {@code createdAt}/{@code updatedAt} (timestamps),
 * {@code deletedAt} (paranoid) and the version attribute. Filled by Canopy with one clock reading per write call,
 * in UTC; a value the caller gave for {@code createdAt} or {@code updatedAt} on create wins (for seeding history).
 */
final class Stamps {
    private Stamps() {}

    static @Nullable Column<?> createdAt(Model m) {
        return m.options().hasTimestamps() ? m.findColumn("createdAt") : null;
    }

    static @Nullable Column<?> updatedAt(Model m) {
        return m.options().hasTimestamps() ? m.findColumn("updatedAt") : null;
    }

    static @Nullable Column<?> deletedAt(Model m) {
        return m.options().isParanoid() ? m.findColumn("deletedAt") : null;
    }

    static @Nullable Column<?> version(Model m) {
        String v = m.options().versionAttribute();
        return v == null ? null : m.findColumn(v);
    }

    /** Sets the columns a new row gets: createdAt, updatedAt, version 0. */
    static void onCreate(Row row, LocalDateTime now) {
        Column<?> created = createdAt(row.model);
        if (created != null && row.get(created) == null) {
            row.put(created, now);
        }
        Column<?> updated = updatedAt(row.model);
        if (updated != null && row.get(updated) == null) {
            row.put(updated, now);
        }
        Column<?> version = version(row.model);
        if (version != null && row.get(version) == null) {
            row.put(version, 0);
        }
    }
}
