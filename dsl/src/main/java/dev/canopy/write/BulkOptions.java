package dev.canopy.write;

import com.google.errorprone.annotations.CheckReturnValue;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * How {@code bulkCreate} treats rows whose key already exists: fail (the default), skip them
 * ({@link #ignoreDuplicates()}), or update some attributes of the existing row ({@link #updateOnDuplicate}).
 * <pre>{@code
 * db.bulkCreate(USER, rows, BulkOptions.defaults().updateOnDuplicate("name", "age").conflict("email"));
 * }</pre>
 */
@CheckReturnValue
public final class BulkOptions {
    private static final BulkOptions DEFAULTS = new BulkOptions(false, List.of(), List.of());

    private final boolean ignoreDuplicates;
    private final List<String> updateOnDuplicate;
    private final List<String> conflict;

    private BulkOptions(boolean ignoreDuplicates, List<String> updateOnDuplicate, List<String> conflict) {
        this.ignoreDuplicates = ignoreDuplicates;
        this.updateOnDuplicate = updateOnDuplicate;
        this.conflict = conflict;
    }

    /** Every row is inserted; a duplicate key fails the whole call. */
    public static BulkOptions defaults() {
        return DEFAULTS;
    }

    /** Rows whose key (or unique attribute) already exists are skipped. */
    public BulkOptions ignoreDuplicates() {
        return new BulkOptions(true, List.of(), conflict);
    }

    /** Rows whose key already exists update these attributes of the existing row (and {@code updatedAt}). */
    public BulkOptions updateOnDuplicate(String... attributes) {
        return new BulkOptions(false, List.of(attributes), conflict);
    }

    /**
     * The attributes whose uniqueness makes a row a duplicate (default: the primary key). MySQL and MariaDB use every
     * unique key of the table whatever is named here.
     */
    public BulkOptions conflict(String... attributes) {
        return new BulkOptions(ignoreDuplicates, updateOnDuplicate, List.of(attributes));
    }

    public boolean isIgnoreDuplicates() { return ignoreDuplicates; }
    public List<String> updateOnDuplicateAttributes() { return updateOnDuplicate; }
    public List<String> conflictAttributes() { return conflict; }

    @Override public boolean equals(@Nullable Object o) {
        return o instanceof BulkOptions && ((BulkOptions) o).ignoreDuplicates == ignoreDuplicates
                && ((BulkOptions) o).updateOnDuplicate.equals(updateOnDuplicate) && ((BulkOptions) o).conflict.equals(conflict);
    }

    @Override public int hashCode() { return Objects.hash(ignoreDuplicates, updateOnDuplicate, conflict); }

    @Override public String toString() {
        return "BulkOptions{ignoreDuplicates=" + ignoreDuplicates + ", updateOnDuplicate=" + updateOnDuplicate + ", conflict=" + conflict + "}";
    }
}
