package dev.canopy.translate;

import dev.canopy.model.Column;

/** A column of the SQL bound to the FROM table it belongs to. */
record Bound(SqlTable table, Column<?> column) {
    @Override public String toString() {
        return table.name(column);
    }
}
