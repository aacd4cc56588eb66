package dev.canopy.schema;

import com.google.errorprone.annotations.CheckReturnValue;
import dev.canopy.error.SchemaException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The columns of a table to create, in order (Sequelize's attributes object):
 * <pre>{@code
 * Columns.of("id", ColumnDefinition.integer().primaryKey().autoIncrement())
 *        .and("email", ColumnDefinition.string(120).notNull().unique())
 * }</pre>
 */
@CheckReturnValue
public final class Columns {
    private final Map<String, ColumnDefinition> columns;

    private Columns(Map<String, ColumnDefinition> columns) {
        this.columns = Collections.unmodifiableMap(columns);
    }

    public static Columns of(String name, ColumnDefinition column) {
        return new Columns(new LinkedHashMap<>()).and(name, column);
    }

    /** These columns and one more, after them. */
    public Columns and(String name, ColumnDefinition column) {
        Identifiers.check(name, "column name");
        Objects.requireNonNull(column, "column definition is null");
        if (columns.containsKey(name)) {
            throw new SchemaException("Column '" + name + "' is declared twice; columns so far: " + String.join(", ", columns.keySet()));
        }
        Map<String, ColumnDefinition> next = new LinkedHashMap<>(columns);
        next.put(name, column);
        return new Columns(next);
    }

    /** Name → definition, in declaration order. */
    public Map<String, ColumnDefinition> asMap() {
        return columns;
    }

    @Override public boolean equals(@Nullable Object o) {
        return o instanceof Columns && ((Columns) o).columns.equals(columns);
    }

    @Override public int hashCode() { return columns.hashCode(); }

    @Override public String toString() { return columns.toString(); }
}
