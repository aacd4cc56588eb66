package dev.canopy.write;

import dev.canopy.result.Entity;
import java.util.Objects;

/** What {@code findOrCreate} returns: the row, and whether this call created it. */
public record FoundOrCreated(Entity entity, boolean created) {
    public FoundOrCreated {
        Objects.requireNonNull(entity, "entity is null");
    }
}
