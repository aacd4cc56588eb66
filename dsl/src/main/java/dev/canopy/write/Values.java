package dev.canopy.write;

import com.google.errorprone.annotations.CheckReturnValue;
import dev.canopy.model.Column;
import dev.canopy.model.Model;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The values of one row to write, and of the rows nested under it by association alias: what {@code create},
 * {@code bulkCreate}, {@code update} and {@code upsert} take. A value: every method returns a new one.
 * <pre>{@code
 * Values author = Values.of(AUTHOR.name, "Ursula")
 *         .and(AUTHOR.born, 1929)
 *         .with("books", List.of(Values.of(BOOK.title, "The Dispossessed"), Values.of(BOOK.title, "Lavinia")))
 *         .with("publisher", Values.of(PUBLISHER.id, 7));     // only its key: links the existing publisher
 * Entity created = db.create(AUTHOR, author);
 * }</pre>
 * Keys are attribute names (or {@link Column}s of the model written); they are checked against the model when the
 * write runs, before any SQL: an unknown attribute or alias, or a value of the wrong type, is an
 * {@link dev.canopy.error.InvalidValuesException} naming it and what the model has. A {@code null} value writes SQL
 * {@code NULL}.
 */
@CheckReturnValue
public final class Values {
    private static final Values EMPTY = new Values(Map.of(), Map.of(), Map.of());

    /** The rows nested under one alias, and whether they were given as one row (a to-one) or a list. */
    record Nested(List<Values> rows, boolean single) {}

    /**
     * The attributes and their owners once made: by {@link #of(Map)}, or on first read from the chain of {@code and}
     * calls. {@code and} costs one object, not a copy of every map: a row of n values built value by value costs n
     * objects instead of n copies of growing maps, and the maps are made once, when the row is written.
     */
    private volatile @Nullable Attrs made;
    /** The values this one adds to (null for the first), with the attribute it adds; unused once {@link #made} is set. */
    private final @Nullable Values previous;
    private final @Nullable String attribute;
    private final @Nullable Object value;
    private final @Nullable Model owner;
    private final Map<String, Nested> nested;

    /** The attributes by name, in the order given, and the model of each given as a {@link Column}. */
    private record Attrs(Map<String, @Nullable Object> attributes, Map<String, Model> owners) {}

    private Values(Map<String, @Nullable Object> attributes, Map<String, Model> owners, Map<String, Nested> nested) {
        this.made = new Attrs(attributes, owners);
        this.previous = null;
        this.attribute = null;
        this.value = null;
        this.owner = null;
        this.nested = nested;
    }

    private Values(Values previous, String attribute, @Nullable Object value, @Nullable Model owner, Map<String, Nested> nested) {
        this.previous = previous;
        this.attribute = attribute;
        this.value = value;
        this.owner = owner;
        this.nested = nested;
    }

    /** The maps, made on first use by replaying the {@code and} calls from the nearest values that has them. */
    private Attrs made() {
        Attrs m = made;
        if (m != null) {
            return m;
        }
        java.util.ArrayDeque<Values> chain = new java.util.ArrayDeque<>();
        Values v = this;
        Attrs base = null;
        while (v != null) {
            base = v.made;
            if (base != null) {
                break;
            }
            chain.push(v);
            v = v.previous;
        }
        Map<String, @Nullable Object> a = base == null ? new LinkedHashMap<>() : new LinkedHashMap<>(base.attributes());
        Map<String, Model> o = base == null ? new LinkedHashMap<>() : new LinkedHashMap<>(base.owners());
        for (Values step : chain) {
            a.put(step.attribute, step.value);
            if (step.owner != null) {
                o.put(step.attribute, step.owner);
            } else {
                o.remove(step.attribute);
            }
        }
        m = new Attrs(Collections.unmodifiableMap(a), Collections.unmodifiableMap(o));
        made = m;
        return m;
    }

    /** No values: every column gets its default. */
    public static Values empty() {
        return EMPTY;
    }

    /** One typed value: {@code Values.of(USER.name, "x")}. */
    public static <T> Values of(Column<T> column, @Nullable T value) {
        return EMPTY.and(column, value);
    }

    /** One value by attribute name, checked against the model when written. */
    public static Values of(String attribute, @Nullable Object value) {
        return EMPTY.and(attribute, value);
    }

    /**
     * Values from a map keyed by attribute name or {@link Column}. A value that is a map or {@code Values} is a nested
     * to-one row under that alias, a list of maps or {@code Values} nested to-many rows.
     */
    public static Values of(Map<?, ?> map) {
        Objects.requireNonNull(map, "map is null");
        Values v = EMPTY;
        for (Map.Entry<?, ?> e : map.entrySet()) {
            Object key = e.getKey();
            Object value = e.getValue();
            String name;
            if (key instanceof Column) {
                name = ((Column<?>) key).name();
                if (value instanceof Map || value instanceof Values || value instanceof List) {
                    throw new dev.canopy.error.InvalidValuesException("The value of attribute " + key + " is a nested row or list; "
                            + "nested rows are keyed by association alias");
                }
                v = v.put(name, value, ((Column<?>) key).model());
                continue;
            }
            if (!(key instanceof String)) {
                throw new dev.canopy.error.InvalidValuesException("A values map is keyed by attribute name or Column, not by "
                        + (key == null ? "null" : key.getClass().getSimpleName() + " " + key));
            }
            name = (String) key;
            if (value instanceof Map || value instanceof Values) {
                v = v.with(name, toValues(name, value));
            } else if (value instanceof List) {
                List<Values> rows = new ArrayList<>();
                for (Object o : (List<?>) value) {
                    rows.add(toValues(name, o));
                }
                v = v.with(name, rows);
            } else {
                v = v.and(name, value);
            }
        }
        return v;
    }

    private static Values toValues(String alias, @Nullable Object o) {
        if (o instanceof Values) {
            return (Values) o;
        }
        if (o instanceof Map) {
            return of((Map<?, ?>) o);
        }
        throw new dev.canopy.error.InvalidValuesException("The rows nested under '" + alias + "' must be maps or Values, not "
                + (o == null ? "null" : o.getClass().getSimpleName()));
    }

    /** These values and one more: {@code Values.of(USER.name, "x").and(USER.age, 3)}. A later value for an attribute wins. */
    public <T> Values and(Column<T> column, @Nullable T value) {
        Objects.requireNonNull(column, "column is null");
        return put(column.name(), value, column.model());
    }

    /** These values and one more by attribute name, checked against the model when written. */
    public Values and(String attribute, @Nullable Object value) {
        Objects.requireNonNull(attribute, "attribute is null");
        return put(attribute, value, null);
    }

    private Values put(String attribute, @Nullable Object value, @Nullable Model owner) {
        return new Values(this, attribute, value, owner, nested);
    }

    /** These values with rows nested under a to-many alias (hasMany, belongsToMany). */
    public Values with(String alias, List<Values> rows) {
        Objects.requireNonNull(alias, "alias is null");
        Objects.requireNonNull(rows, "rows is null");
        return nest(alias, new Nested(List.copyOf(rows), false));
    }

    /** These values with one row nested under a to-one alias (belongsTo, hasOne). */
    public Values with(String alias, Values row) {
        Objects.requireNonNull(alias, "alias is null");
        Objects.requireNonNull(row, "row is null");
        return nest(alias, new Nested(List.of(row), true));
    }

    private Values nest(String alias, Nested rows) {
        Map<String, Nested> n = new LinkedHashMap<>(nested);
        n.put(alias, rows);
        Attrs m = made();
        return new Values(m.attributes(), m.owners(), Collections.unmodifiableMap(n));
    }

    /** The values by attribute name, in the order given (null values included). */
    public Map<String, @Nullable Object> attributes() {
        return made().attributes();
    }

    /** The nested rows by alias. */
    public Map<String, List<Values>> nested() {
        Map<String, List<Values>> m = new LinkedHashMap<>();
        nested.forEach((k, v) -> m.put(k, v.rows()));
        return Collections.unmodifiableMap(m);
    }

    Map<String, Nested> nestedRows() {
        return nested;
    }

    @Nullable Model ownerOf(String attribute) {
        return made().owners().get(attribute);
    }

    /** Whether no attribute and no nested row is given. */
    public boolean isEmpty() {
        return attributes().isEmpty() && nested.isEmpty();
    }

    @Override public boolean equals(@Nullable Object o) {
        return o instanceof Values && ((Values) o).attributes().equals(attributes()) && ((Values) o).nested.equals(nested);
    }

    @Override public int hashCode() {
        return Objects.hash(attributes(), nested);
    }

    /** {@code Values{name=x, books=[Values{title=a}]}}; shows the values: do not log it where values are secret. */
    @Override public String toString() {
        Map<String, Object> all = new LinkedHashMap<>(attributes());
        nested.forEach((k, v) -> all.put(k, v.single() ? v.rows().get(0) : v.rows()));
        return "Values" + all;
    }
}
