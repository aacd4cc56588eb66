package dev.canopy.query;

import dev.canopy.error.QueryException;
import dev.canopy.model.Column;
import dev.canopy.model.Model;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Which attributes of a node are selected: all of them, only some (Sequelize's {@code attributes: [...]}), all but
 * some ({@code attributes: {exclude: [...]}}), or the key alone ({@code attributes: []}). The primary key is always
 * read, whatever the list says, because rows are told apart by it.
 *
 * @param only     the attributes asked for; empty for all (or for the key alone)
 * @param excluded the attributes left out of all
 * @param keyOnly  whether only the primary key is read
 * @param computed the computed attributes (expressions with an alias), read after the columns
 */
public record Attributes(List<Column<?>> only, List<Column<?>> excluded, boolean keyOnly, List<Computed<?>> computed) {
    public static final Attributes ALL = new Attributes(List.of(), List.of(), false);
    /** The primary key alone. */
    public static final Attributes KEY = new Attributes(List.of(), List.of(), true);

    public Attributes {
        only = List.copyOf(new LinkedHashSet<>(Objects.requireNonNull(only, "only is null")));
        excluded = List.copyOf(new LinkedHashSet<>(Objects.requireNonNull(excluded, "excluded is null")));
        computed = List.copyOf(Objects.requireNonNull(computed, "computed is null"));
        java.util.Set<String> names = new java.util.HashSet<>();
        for (Computed<?> c : computed) {
            if (!names.add(c.name())) {
                throw new QueryException("two computed attributes are named '" + c.name() + "'");
            }
        }
    }

    public Attributes(List<Column<?>> only, List<Column<?>> excluded, boolean keyOnly) {
        this(only, excluded, keyOnly, List.of());
    }

    /**
     * Columns and computed attributes, as Sequelize's {@code attributes: ['Name', [fn(...), 'n']]}: only the columns
     * listed (and the key); computed attributes alone read the key and them.
     */
    public static Attributes of(Iterable<? extends Selection> items) {
        List<Column<?>> columns = new ArrayList<>();
        List<Computed<?>> computed = new ArrayList<>();
        for (Selection s : items) {
            if (s instanceof Column) {
                columns.add((Column<?>) s);
            } else if (s instanceof Computed) {
                computed.add((Computed<?>) s);
            } else {
                throw new QueryException("an attribute is a column or a computed attribute (expr.alias(name)), not " + s);
            }
        }
        return new Attributes(columns, List.of(), columns.isEmpty(), computed);
    }

    /** These attributes and more computed ones: Sequelize's {@code attributes: { include: [[fn(...), 'n']] }}. */
    public Attributes plus(List<Computed<?>> more) {
        List<Computed<?>> all = new ArrayList<>(computed);
        all.addAll(more);
        return new Attributes(only, excluded, keyOnly, all);
    }

    /** The computed attribute of this name, or null. */
    public @org.jspecify.annotations.Nullable Computed<?> computed(String name) {
        for (Computed<?> c : computed) {
            if (c.name().equals(name)) {
                return c;
            }
        }
        return null;
    }

    public static Attributes only(Iterable<? extends Column<?>> columns) {
        List<Column<?>> list = new ArrayList<>();
        columns.forEach(list::add);
        return list.isEmpty() ? KEY : new Attributes(list, List.of(), false);
    }

    public static Attributes excluding(Iterable<? extends Column<?>> columns) {
        List<Column<?>> list = new ArrayList<>();
        columns.forEach(list::add);
        return new Attributes(List.of(), list, false);
    }

    /**
     * {@code over} merged over {@code base}, as Sequelize merges the attributes of scopes: all of either side is the
     * other side; two lists are united; exclusions are united and always stay (an excluded attribute is left out of a
     * list too); the key alone and a list is the list. Computed attributes are united by alias, {@code over}'s winning.
     */
    static Attributes merge(Attributes base, Attributes over) {
        Attributes columns = mergeColumns(base, over);
        if (base.computed.isEmpty() && over.computed.isEmpty()) {
            return columns;
        }
        List<Computed<?>> computed = new ArrayList<>();
        for (Computed<?> c : base.computed) {
            if (over.computed(c.name()) == null) {
                computed.add(c);
            }
        }
        computed.addAll(over.computed);
        return new Attributes(columns.only, columns.excluded, columns.keyOnly, computed);
    }

    private static Attributes mergeColumns(Attributes base, Attributes over) {
        if (base.isAll()) {
            return over;
        }
        if (over.isAll()) {
            return base;
        }
        List<Column<?>> excluded = new ArrayList<>(base.excluded);
        excluded.addAll(over.excluded);
        List<Column<?>> only = new ArrayList<>(base.only);
        only.addAll(over.only);
        if (only.isEmpty()) {
            return base.keyOnly || over.keyOnly ? KEY : new Attributes(List.of(), excluded, false);
        }
        only.removeAll(excluded);
        return only.isEmpty() ? KEY : new Attributes(only, List.of(), false);
    }

    /** Every column of the model (computed attributes may come on top: see {@link #computed()}). */
    public boolean isAll() {
        return only.isEmpty() && excluded.isEmpty() && !keyOnly;
    }

    /** Refuses columns of another model than {@code model}, naming the node ({@code owner}) and what it has. */
    void check(String owner, Model model) {
        for (Column<?> c : only.isEmpty() ? excluded : only) {
            if (c.model() != model) {
                throw new QueryException(owner + " loads " + model.name() + "; " + c + " is not one of its attributes ("
                        + model.attributeNames() + ")");
            }
        }
    }

    /**
     * The columns of {@code model} to select, primary key included: in the order the list asks for them (the key
     * first when the list leaves it out), or in the model's order for all and all-but.
     */
    public List<Column<?>> select(Model model) {
        List<Column<?>> out = new ArrayList<>();
        if (!only.isEmpty() || keyOnly) {
            for (Column<?> c : model.primaryKey()) {
                if (!only.contains(c)) {
                    out.add(c);
                }
            }
            out.addAll(only);
            return out;
        }
        for (Column<?> c : model.columns()) {
            if (!excluded.contains(c) || c.isPrimaryKey()) {
                out.add(c);
            }
        }
        return out;
    }

    @Override public String toString() {
        String more = computed.isEmpty() ? "" : " + " + computed.stream().map(String::valueOf).collect(Collectors.joining(", "));
        if (isAll()) {
            return "*" + more;
        }
        if (keyOnly) {
            return "(key)" + more;
        }
        return (only.isEmpty() ? "* except " + names(excluded) : names(only)) + more;
    }

    private static String names(List<Column<?>> columns) {
        return columns.stream().map(Column::name).collect(Collectors.joining(", "));
    }
}
