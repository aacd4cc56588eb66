package dev.canopy.schema;

import com.google.errorprone.annotations.CheckReturnValue;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Options of {@code createTable}: a composite primary key, table-level constraints, {@code IF NOT EXISTS}.
 * Immutable.
 */
@CheckReturnValue
public final class TableOptions {
    private static final TableOptions NONE = new TableOptions(List.of(), List.of(), false);

    private final List<String> primaryKey;
    private final List<TableConstraint> constraints;
    private final boolean ifNotExists;

    private TableOptions(List<String> primaryKey, List<TableConstraint> constraints, boolean ifNotExists) {
        this.primaryKey = List.copyOf(primaryKey);
        this.constraints = List.copyOf(constraints);
        this.ifNotExists = ifNotExists;
    }

    public static TableOptions none() {
        return NONE;
    }

    /** A primary key over several columns, in key order (columns marked {@code primaryKey()} are used when this is empty). */
    public TableOptions primaryKey(String... columns) {
        for (String c : columns) {
            Identifiers.check(c, "primary key column");
        }
        return new TableOptions(Arrays.asList(columns), constraints, ifNotExists);
    }

    /** One more table-level constraint (composite unique, check, composite foreign key). */
    public TableOptions constraint(TableConstraint constraint) {
        List<TableConstraint> next = new ArrayList<>(constraints);
        next.add(constraint);
        return new TableOptions(primaryKey, next, ifNotExists);
    }

    public TableOptions ifNotExists() {
        return new TableOptions(primaryKey, constraints, true);
    }

    public List<String> primaryKey() { return primaryKey; }
    public List<TableConstraint> constraints() { return constraints; }
    public boolean isIfNotExists() { return ifNotExists; }

    @Override public boolean equals(@Nullable Object o) {
        return o instanceof TableOptions && ((TableOptions) o).primaryKey.equals(primaryKey)
                && ((TableOptions) o).constraints.equals(constraints) && ((TableOptions) o).ifNotExists == ifNotExists;
    }

    @Override public int hashCode() { return primaryKey.hashCode() * 31 + constraints.hashCode(); }
}
