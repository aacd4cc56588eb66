package dev.canopy.model;

import com.google.errorprone.annotations.CheckReturnValue;
import dev.canopy.query.ColumnRef;
import dev.canopy.query.Operand;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A typed column of a {@link Model}: an attribute name (what Java and JSON see), a field (the column in the table),
 * a {@link DataType}, nullability, a default and whether it is part of the primary key.
 *
 * <p>Columns are values. The modifiers ({@link #primaryKey()}, {@link #notNull()}, {@link #field(String)}, ...)
 * return a new column and, while the model is still being declared, put it in the model in place of the old one;
 * once the model is sealed by a {@link Schema} they refuse. Comparison operators come from {@link Operand}:
 * {@code ALBUM.title.like("B%")}.
 *
 * @param <T> the Java type of the column's values
 */
@CheckReturnValue
public final class Column<T> implements Operand<T>, dev.canopy.query.Selection {
    private final Model model;
    private final String attribute;
    private final String field;
    private final DataType<T> type;
    private final boolean allowNull;
    private final @Nullable Object defaultValue;
    private final boolean primaryKey;
    private final boolean autoIncrement;
    private final boolean unique;
    private final int index;

    Column(Model model, String attribute, String field, DataType<T> type, boolean allowNull, @Nullable Object defaultValue,
           boolean primaryKey, boolean autoIncrement, boolean unique, int index) {
        this.model = model;
        this.attribute = attribute;
        this.field = field;
        this.type = type;
        this.allowNull = allowNull;
        this.defaultValue = defaultValue;
        this.primaryKey = primaryKey;
        this.autoIncrement = autoIncrement;
        this.unique = unique;
        this.index = index;
    }

    /** The model this column belongs to. */
    public Model model() { return model; }
    /** The attribute name: what queries, entities and JSON use. */
    public String name() { return attribute; }
    /** The column's name in the table. */
    public String field() { return field; }
    public DataType<T> type() { return type; }
    public boolean allowNull() { return allowNull && !primaryKey; }
    public @Nullable Object defaultValue() { return defaultValue; }
    public boolean isPrimaryKey() { return primaryKey; }
    public boolean isAutoIncrement() { return autoIncrement; }
    public boolean isUnique() { return unique; }
    /** The column's position among its model's columns, from 0. */
    public int index() { return index; }

    /** This column, part of the primary key (several columns may be: a composite key, in declaration order). */
    public Column<T> primaryKey() {
        return model.replace(this, new Column<>(model, attribute, field, type, false, defaultValue, true, autoIncrement, unique, index));
    }

    /** This column, filled by the database (identity / auto-increment). */
    public Column<T> autoIncrement() {
        return model.replace(this, new Column<>(model, attribute, field, type, allowNull, defaultValue, primaryKey, true, unique, index));
    }

    /** This column, {@code NOT NULL} (Sequelize's {@code allowNull: false}). */
    public Column<T> notNull() {
        return model.replace(this, new Column<>(model, attribute, field, type, false, defaultValue, primaryKey, autoIncrement, unique, index));
    }

    /** This column, with a unique constraint. */
    public Column<T> unique() {
        return model.replace(this, new Column<>(model, attribute, field, type, allowNull, defaultValue, primaryKey, autoIncrement, true, index));
    }

    /** This column, stored in the table column {@code field} (Sequelize's {@code field}). */
    public Column<T> field(String field) {
        Model.checkIdentifier(field, "field of " + model.name() + "." + attribute);
        return model.replace(this, new Column<>(model, attribute, field, type, allowNull, defaultValue, primaryKey, autoIncrement, unique, index));
    }

    /** This column, with a default value the database fills in. */
    public Column<T> defaultValue(T value) {
        Objects.requireNonNull(value, "default value is null");
        return model.replace(this, new Column<>(model, attribute, field, type, allowNull, value, primaryKey, autoIncrement, unique, index));
    }

    Column<T> withIndex(int newIndex) {
        return new Column<>(model, attribute, field, type, allowNull, defaultValue, primaryKey, autoIncrement, unique, newIndex);
    }

    /** This column as reached from the query's root through a path of association aliases: {@code $album.artist.Name$}. */
    public ColumnRef<T> at(String... path) {
        return ColumnRef.of(java.util.List.of(path), this);
    }

    /**
     * This column as reached through association values: {@code TRACK.name.via(ARTIST_ALBUMS, ALBUM_TRACKS)} is
     * {@code TRACK.name.at("albums", "tracks")}, checked when built (each association starts where the previous one
     * ends, and the last ends at this column's model).
     */
    public ColumnRef<T> via(Association... path) {
        return dev.canopy.query.AssociationPath.of(this, path);
    }

    @Override
    public ColumnRef<T> ref() {
        return ColumnRef.of(java.util.List.of(), this);
    }

    @Override public boolean equals(@Nullable Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Column)) {
            return false;
        }
        Column<?> c = (Column<?>) o;
        return model == c.model && attribute.equals(c.attribute) && field.equals(c.field) && type.equals(c.type)
                && allowNull == c.allowNull && primaryKey == c.primaryKey && Objects.equals(defaultValue, c.defaultValue)
                && autoIncrement == c.autoIncrement && unique == c.unique;
    }

    /** Computed from final fields without allocating: columns are map keys on every row a write binds. */
    @Override public int hashCode() {
        return ((System.identityHashCode(model) * 31 + attribute.hashCode()) * 31 + field.hashCode()) * 31 + type.hashCode();
    }

    /** {@code Album.Title}. */
    @Override public String toString() {
        return model.name() + "." + attribute;
    }
}
