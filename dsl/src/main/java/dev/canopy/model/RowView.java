package dev.canopy.model;

import org.jspecify.annotations.Nullable;

/**
 * The attributes of one row, read-only: what a {@link VirtualAttribute} is computed from. A read
 * {@link dev.canopy.result.Entity} is one.
 */
public interface RowView {
    /** The model this row is of. */
    Model model();

    /** The value of a column of this row's model (through the column's getter, when it has one). */
    <T> @Nullable T get(Column<T> column);

    /** The value of an attribute or virtual attribute, by name. */
    @Nullable Object get(String attribute);
}
