package dev.canopy.schema;

import dev.canopy.model.DataType;
import dev.canopy.model.ReferentialAction;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A live table as the database describes it (Sequelize's {@code describeTable}, plus its keys and indexes).
 *
 * @param name        the table's name as the database spells it
 * @param columns     its columns in table order
 * @param primaryKey  the primary key's columns in key order (empty when none)
 * @param foreignKeys its foreign keys
 * @param indexes     its indexes, unique constraints included, the primary key's left out
 */
public record TableDescription(String name, List<Column> columns, List<String> primaryKey, List<ForeignKey> foreignKeys,
                               List<Index> indexes) {
    /**
     * One column.
     *
     * @param typeName      the database's own type name ({@code VARCHAR}, {@code int4}, ...)
     * @param type          the Canopy type closest to it, or null when Canopy has none
     * @param defaultValue  the default as the database reports it (SQL text), or null
     */
    public record Column(String name, String typeName, @Nullable DataType<?> type, boolean allowNull, boolean primaryKey,
                         boolean autoIncrement, @Nullable String defaultValue) {}

    /** A foreign key: {@code columns} of this table refer to {@code referencedColumns} of {@code referencedTable}. */
    public record ForeignKey(String name, List<String> columns, String referencedTable, List<String> referencedColumns,
                             ReferentialAction onDelete, ReferentialAction onUpdate) {}

    /** An index over columns, in order. */
    public record Index(String name, List<String> columns, boolean unique) {}

    /** The column with a name, exactly or else ignoring case (databases fold unquoted names); null when none. */
    public @Nullable Column column(String wanted) {
        Column folded = null;
        for (Column c : columns) {
            if (c.name().equals(wanted)) {
                return c;
            }
            if (c.name().equalsIgnoreCase(wanted)) {
                folded = c;
            }
        }
        return folded;
    }

    /** The column names, for messages. */
    public List<String> columnNames() {
        return columns.stream().map(Column::name).toList();
    }
}
