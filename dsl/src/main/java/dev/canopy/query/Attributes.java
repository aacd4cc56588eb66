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
 */
public record Attributes(List<Column<?>> only, List<Column<?>> excluded, boolean keyOnly) {
    public static final Attributes ALL = new Attributes(List.of(), List.of(), false);
    /** The primary key alone. */
    public static final Attributes KEY = new Attributes(List.of(), List.of(), true);

    public Attributes {
        only = List.copyOf(new LinkedHashSet<>(Objects.requireNonNull(only, "only is null")));
        excluded = List.copyOf(new LinkedHashSet<>(Objects.requireNonNull(excluded, "excluded is null")));
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
     * list too); the key alone and a list is the list.
     */
    static Attributes merge(Attributes base, Attributes over) {
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
        if (isAll()) {
            return "*";
        }
        if (keyOnly) {
            return "(key)";
        }
        return only.isEmpty() ? "* except " + names(excluded) : names(only);
    }

    private static String names(List<Column<?>> columns) {
        return columns.stream().map(Column::name).collect(Collectors.joining(", "));
    }
}
