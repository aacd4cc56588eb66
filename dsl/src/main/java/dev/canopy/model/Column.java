package dev.canopy.model;

import com.google.errorprone.annotations.CheckReturnValue;
import dev.canopy.query.ColumnRef;
import dev.canopy.query.Operand;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;
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
    private final List<Validator<? super T>> validators;
    private final @Nullable UnaryOperator<T> getter;
    private final @Nullable UnaryOperator<T> setter;

    Column(Model model, String attribute, String field, DataType<T> type, boolean allowNull, @Nullable Object defaultValue,
           boolean primaryKey, boolean autoIncrement, boolean unique, int index) {
        this(model, attribute, field, type, allowNull, defaultValue, primaryKey, autoIncrement, unique, index, List.of(), null, null);
    }

    private Column(Model model, String attribute, String field, DataType<T> type, boolean allowNull, @Nullable Object defaultValue,
                   boolean primaryKey, boolean autoIncrement, boolean unique, int index, List<Validator<? super T>> validators,
                   @Nullable UnaryOperator<T> getter, @Nullable UnaryOperator<T> setter) {
        this.validators = validators;
        this.getter = getter;
        this.setter = setter;
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
        if (getter != null) {
            throw new dev.canopy.error.SchemaException("Column " + this + " has a getter; a primary key is read as stored, without one");
        }
        return model.replace(this, copy(false, defaultValue, true, autoIncrement, unique, index));
    }

    /** This column, filled by the database (identity / auto-increment). */
    public Column<T> autoIncrement() {
        return model.replace(this, copy(allowNull, defaultValue, primaryKey, true, unique, index));
    }

    /** This column, {@code NOT NULL} (Sequelize's {@code allowNull: false}). */
    public Column<T> notNull() {
        return model.replace(this, copy(false, defaultValue, primaryKey, autoIncrement, unique, index));
    }

    /** This column, with a unique constraint. */
    public Column<T> unique() {
        return model.replace(this, copy(allowNull, defaultValue, primaryKey, autoIncrement, true, index));
    }

    /** This column, stored in the table column {@code field} (Sequelize's {@code field}). */
    public Column<T> field(String field) {
        Model.checkIdentifier(field, "field of " + model.name() + "." + attribute);
        return model.replace(this, new Column<>(model, attribute, field, type, allowNull, defaultValue, primaryKey, autoIncrement, unique, index,
                validators, getter, setter));
    }

    /** This column, with a default value the database fills in. */
    public Column<T> defaultValue(T value) {
        Objects.requireNonNull(value, "default value is null");
        return model.replace(this, copy(allowNull, value, primaryKey, autoIncrement, unique, index));
    }

    private Column<T> copy(boolean allowNull, @Nullable Object defaultValue, boolean primaryKey, boolean autoIncrement, boolean unique, int index) {
        return new Column<>(model, attribute, field, type, allowNull, defaultValue, primaryKey, autoIncrement, unique, index, validators, getter, setter);
    }

    /**
     * This column, checked by {@code validators} before any SQL of a write (Sequelize's {@code validate}); adds to the
     * validators declared before. See {@link Validator}.
     */
    @SafeVarargs
    public final Column<T> validate(Validator<? super T>... validators) {
        List<Validator<? super T>> all = new ArrayList<>(this.validators);
        for (Validator<? super T> v : validators) {
            all.add(Objects.requireNonNull(v, "validator is null"));
        }
        return model.replace(this, new Column<>(model, attribute, field, type, allowNull, defaultValue, primaryKey, autoIncrement, unique, index,
                List.copyOf(all), getter, setter));
    }

    /**
     * This column, its value read through {@code getter} (Sequelize's attribute {@code get()}): what
     * {@code entity.get(...)}, typed records and JSON see. The stored value is unchanged, and conditions compare with
     * it. Not on a primary key: rows are told apart by their stored keys.
     */
    public Column<T> getter(UnaryOperator<T> getter) {
        Objects.requireNonNull(getter, "getter is null");
        if (primaryKey) {
            throw new dev.canopy.error.SchemaException("Column " + this + " is a primary key; a key is read as stored, without a getter");
        }
        return model.replace(this, new Column<>(model, attribute, field, type, allowNull, defaultValue, primaryKey, autoIncrement, unique, index,
                validators, getter, setter));
    }

    /**
     * This column, every value written to it passed through {@code setter} first (Sequelize's attribute {@code set()}):
     * before validation and SQL, on create, bulkCreate, update and upsert. Not called for null.
     */
    public Column<T> setter(UnaryOperator<T> setter) {
        Objects.requireNonNull(setter, "setter is null");
        return model.replace(this, new Column<>(model, attribute, field, type, allowNull, defaultValue, primaryKey, autoIncrement, unique, index,
                validators, getter, setter));
    }

    /** The validators of this column, in declaration order. */
    public List<Validator<? super T>> validators() { return validators; }

    /** The getter read values go through, or null. */
    public @Nullable UnaryOperator<T> getter() { return getter; }

    /** The setter written values go through, or null. */
    public @Nullable UnaryOperator<T> setter() { return setter; }

    /** A stored value as {@code entity.get(...)} shows it: through the getter, if any (null stays null). */
    @SuppressWarnings("unchecked")
    public @Nullable Object read(@Nullable Object stored) {
        return getter == null || stored == null ? stored : getter.apply((T) stored);
    }

    Column<T> withIndex(int newIndex) {
        return new Column<>(model, attribute, field, type, allowNull, defaultValue, primaryKey, autoIncrement, unique, newIndex, validators, getter, setter);
    }

    /** This column as reached from the query's root through a path of association aliases: {@code $album.artist.Name$}. */
    public ColumnRef<T> at(String... path) {
        return ColumnRef.of(List.of(path), this);
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
        return ColumnRef.of(List.of(), this);
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
