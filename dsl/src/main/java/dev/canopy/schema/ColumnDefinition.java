package dev.canopy.schema;

import com.google.errorprone.annotations.CheckReturnValue;
import dev.canopy.model.DataType;
import dev.canopy.model.ReferentialAction;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A column as a migration declares it (Sequelize's attribute object in {@code createTable} and {@code addColumn}):
 * <pre>{@code
 * ColumnDefinition.integer().notNull().references("teams", "id").onDelete(ReferentialAction.CASCADE)
 * }</pre>
 * Immutable: every modifier returns a new value.
 */
@CheckReturnValue
public final class ColumnDefinition {
    private final DataType<?> type;
    private final boolean allowNull;
    private final @Nullable Object defaultValue;
    private final boolean primaryKey;
    private final boolean autoIncrement;
    private final boolean unique;
    private final @Nullable String referencedTable;
    private final @Nullable String referencedColumn;
    private final ReferentialAction onDelete;
    private final ReferentialAction onUpdate;

    private ColumnDefinition(DataType<?> type, boolean allowNull, @Nullable Object defaultValue, boolean primaryKey, boolean autoIncrement,
                             boolean unique, @Nullable String referencedTable, @Nullable String referencedColumn,
                             ReferentialAction onDelete, ReferentialAction onUpdate) {
        this.type = type;
        this.allowNull = allowNull;
        this.defaultValue = defaultValue;
        this.primaryKey = primaryKey;
        this.autoIncrement = autoIncrement;
        this.unique = unique;
        this.referencedTable = referencedTable;
        this.referencedColumn = referencedColumn;
        this.onDelete = onDelete;
        this.onUpdate = onUpdate;
    }

    /** A nullable column of {@code type} without default, key or reference. */
    public static ColumnDefinition of(DataType<?> type) {
        return new ColumnDefinition(Objects.requireNonNull(type, "type is null"), true, null, false, false, false, null, null,
                ReferentialAction.NO_ACTION, ReferentialAction.NO_ACTION);
    }

    public static ColumnDefinition integer() { return of(DataType.INTEGER); }
    public static ColumnDefinition bigint() { return of(DataType.BIGINT); }
    public static ColumnDefinition string() { return of(DataType.STRING); }
    public static ColumnDefinition string(int length) { return of(DataType.string(length)); }
    public static ColumnDefinition text() { return of(DataType.TEXT); }
    public static ColumnDefinition bool() { return of(DataType.BOOLEAN); }
    public static ColumnDefinition date() { return of(DataType.DATE); }
    public static ColumnDefinition timestamp() { return of(DataType.TIMESTAMP); }
    public static ColumnDefinition decimal(int precision, int scale) { return of(DataType.decimal(precision, scale)); }
    public static ColumnDefinition uuid() { return of(DataType.UUID_TYPE); }
    public static ColumnDefinition json() { return of(DataType.JSON); }

    /** {@code NOT NULL} (Sequelize's {@code allowNull: false}). */
    public ColumnDefinition notNull() {
        return allowNull(false);
    }

    public ColumnDefinition allowNull(boolean allow) {
        return new ColumnDefinition(type, allow, defaultValue, primaryKey, autoIncrement, unique, referencedTable, referencedColumn, onDelete, onUpdate);
    }

    /** A default the database fills in; written into the DDL as a literal (DDL has no bind parameters). */
    public ColumnDefinition defaultValue(Object value) {
        Objects.requireNonNull(value, "default value is null; a nullable column's default is already NULL");
        return new ColumnDefinition(type, allowNull, value, primaryKey, autoIncrement, unique, referencedTable, referencedColumn, onDelete, onUpdate);
    }

    /** Part of the primary key (several columns make a composite key, in the order given). Implies NOT NULL. */
    public ColumnDefinition primaryKey() {
        return new ColumnDefinition(type, false, defaultValue, true, autoIncrement, unique, referencedTable, referencedColumn, onDelete, onUpdate);
    }

    /** Filled by the database (identity / auto-increment). */
    public ColumnDefinition autoIncrement() {
        return new ColumnDefinition(type, allowNull, defaultValue, primaryKey, true, unique, referencedTable, referencedColumn, onDelete, onUpdate);
    }

    public ColumnDefinition unique() {
        return new ColumnDefinition(type, allowNull, defaultValue, primaryKey, autoIncrement, true, referencedTable, referencedColumn, onDelete, onUpdate);
    }

    /** A foreign key to {@code table.column} (Sequelize's {@code references: { model, key }}). */
    public ColumnDefinition references(String table, String column) {
        Identifiers.check(table, "referenced table");
        Identifiers.check(column, "referenced column");
        return new ColumnDefinition(type, allowNull, defaultValue, primaryKey, autoIncrement, unique, table, column, onDelete, onUpdate);
    }

    public ColumnDefinition onDelete(ReferentialAction action) {
        return new ColumnDefinition(type, allowNull, defaultValue, primaryKey, autoIncrement, unique, referencedTable, referencedColumn,
                Objects.requireNonNull(action, "onDelete is null"), onUpdate);
    }

    public ColumnDefinition onUpdate(ReferentialAction action) {
        return new ColumnDefinition(type, allowNull, defaultValue, primaryKey, autoIncrement, unique, referencedTable, referencedColumn,
                onDelete, Objects.requireNonNull(action, "onUpdate is null"));
    }

    public DataType<?> type() { return type; }
    public boolean allowNull() { return allowNull && !primaryKey; }
    public @Nullable Object defaultValue() { return defaultValue; }
    public boolean isPrimaryKey() { return primaryKey; }
    public boolean isAutoIncrement() { return autoIncrement; }
    public boolean isUnique() { return unique; }
    public @Nullable String referencedTable() { return referencedTable; }
    public @Nullable String referencedColumn() { return referencedColumn; }
    public ReferentialAction onDelete() { return onDelete; }
    public ReferentialAction onUpdate() { return onUpdate; }

    @Override public boolean equals(@Nullable Object o) {
        if (!(o instanceof ColumnDefinition)) {
            return false;
        }
        ColumnDefinition c = (ColumnDefinition) o;
        return type.equals(c.type) && allowNull == c.allowNull && Objects.equals(defaultValue, c.defaultValue) && primaryKey == c.primaryKey
                && autoIncrement == c.autoIncrement && unique == c.unique && Objects.equals(referencedTable, c.referencedTable)
                && Objects.equals(referencedColumn, c.referencedColumn) && onDelete == c.onDelete && onUpdate == c.onUpdate;
    }

    @Override public int hashCode() {
        return Objects.hash(type, allowNull, defaultValue, primaryKey, autoIncrement, unique, referencedTable, referencedColumn);
    }

    @Override public String toString() {
        return type + (allowNull() ? "" : " NOT NULL") + (primaryKey ? " PRIMARY KEY" : "") + (unique ? " UNIQUE" : "")
                + (referencedTable != null ? " REFERENCES " + referencedTable + "(" + referencedColumn + ")" : "");
    }
}
