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
    private static final BulkOptions DEFAULTS = new BulkOptions(false, List.of(), List.of(), false);

    private final boolean ignoreDuplicates;
    private final List<String> updateOnDuplicate;
    private final List<String> conflict;
    private final boolean individualHooks;

    private BulkOptions(boolean ignoreDuplicates, List<String> updateOnDuplicate, List<String> conflict, boolean individualHooks) {
        this.ignoreDuplicates = ignoreDuplicates;
        this.updateOnDuplicate = updateOnDuplicate;
        this.conflict = conflict;
        this.individualHooks = individualHooks;
    }

    /** Every row is inserted; a duplicate key fails the whole call. */
    public static BulkOptions defaults() {
        return DEFAULTS;
    }

    /** Rows whose key (or unique attribute) already exists are skipped. */
    public BulkOptions ignoreDuplicates() {
        return new BulkOptions(true, List.of(), conflict, individualHooks);
    }

    /** Rows whose key already exists update these attributes of the existing row (and {@code updatedAt}). */
    public BulkOptions updateOnDuplicate(String... attributes) {
        return new BulkOptions(false, List.of(attributes), conflict, individualHooks);
    }

    /**
     * The attributes whose uniqueness makes a row a duplicate (default: the primary key). MySQL and MariaDB use every
     * unique key of the table whatever is named here.
     */
    public BulkOptions conflict(String... attributes) {
        return new BulkOptions(ignoreDuplicates, updateOnDuplicate, List.of(attributes), individualHooks);
    }

    /**
     * Runs {@code beforeCreate} for every row (and the rows nested under it) and {@code afterCreate} for every row as
     * stored, besides the bulk hooks (Sequelize's {@code individualHooks: true}); see {@link Hooks}. Not with
     * {@link #ignoreDuplicates()} or {@link #updateOnDuplicate}: which rows the database skipped or updated is not
     * known, so there would be no row to give an {@code afterCreate}.
     */
    public BulkOptions individualHooks() {
        return new BulkOptions(ignoreDuplicates, updateOnDuplicate, conflict, true);
    }

    /** Whether the per-row hooks run too ({@link #individualHooks()}). */
    public boolean isIndividualHooks() { return individualHooks; }

    public boolean isIgnoreDuplicates() { return ignoreDuplicates; }
    public List<String> updateOnDuplicateAttributes() { return updateOnDuplicate; }
    public List<String> conflictAttributes() { return conflict; }

    @Override public boolean equals(@Nullable Object o) {
        return o instanceof BulkOptions && ((BulkOptions) o).ignoreDuplicates == ignoreDuplicates
                && ((BulkOptions) o).updateOnDuplicate.equals(updateOnDuplicate) && ((BulkOptions) o).conflict.equals(conflict)
                && ((BulkOptions) o).individualHooks == individualHooks;
    }

    @Override public int hashCode() { return Objects.hash(ignoreDuplicates, updateOnDuplicate, conflict, individualHooks); }

    @Override public String toString() {
        return "BulkOptions{ignoreDuplicates=" + ignoreDuplicates + ", updateOnDuplicate=" + updateOnDuplicate + ", conflict=" + conflict
                + (individualHooks ? ", individualHooks" : "") + "}";
    }
}
