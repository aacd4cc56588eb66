package dev.canopy.query;

import com.google.errorprone.annotations.CheckReturnValue;
import dev.canopy.model.Column;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A column reached from the query's root through a path of association aliases: Sequelize's
 * {@code $album.artist.Name$}. An empty path means the model of the node the reference is used in.
 *
 * @param <T> the column's Java type
 */
@CheckReturnValue
public final class ColumnRef<T> implements Operand<T> {
    private final List<String> path;
    private final Column<T> column;

    private ColumnRef(List<String> path, Column<T> column) {
        this.path = path;
        this.column = column;
    }

    public static <T> ColumnRef<T> of(List<String> path, Column<T> column) {
        Objects.requireNonNull(path, "path is null");
        Objects.requireNonNull(column, "column is null");
        for (String p : path) {
            if (p == null || p.isEmpty()) {
                throw new IllegalArgumentException("path of " + column + " has an empty alias");
            }
        }
        return new ColumnRef<>(List.copyOf(path), column);
    }

    /** The aliases from the root to the node whose model holds the column. */
    public List<String> path() {
        return path;
    }

    public Column<T> column() {
        return column;
    }

    @Override public ColumnRef<T> ref() {
        return this;
    }

    @Override public boolean equals(@Nullable Object o) {
        return o instanceof ColumnRef && ((ColumnRef<?>) o).path.equals(path) && ((ColumnRef<?>) o).column.equals(column);
    }

    @Override public int hashCode() {
        return path.hashCode() * 31 + column.hashCode();
    }

    /** {@code $album.Title$} for a path, {@code Title} without. */
    @Override public String toString() {
        return path.isEmpty() ? column.name() : "$" + String.join(".", path) + "." + column.name() + "$";
    }
}
