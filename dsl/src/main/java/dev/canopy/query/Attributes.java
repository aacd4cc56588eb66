package dev.canopy.query;

import dev.canopy.model.Column;
import dev.canopy.model.Model;
import io.vavr.collection.List;
import java.util.Objects;

/**
 * Which attributes of a node are selected: all of them, only some (Sequelize's {@code attributes: [...]}), or all but
 * some ({@code attributes: {exclude: [...]}}). The primary key is always read, whatever the list says, because
 * rows are told apart by it.
 */
public record Attributes(List<Column<?>> only, List<Column<?>> excluded) {
    public static final Attributes ALL = new Attributes(List.empty(), List.empty());

    public Attributes {
        Objects.requireNonNull(only, "only is null");
        Objects.requireNonNull(excluded, "excluded is null");
    }

    public static Attributes only(List<Column<?>> columns) {
        return new Attributes(columns.distinct(), List.empty());
    }

    public static Attributes excluding(List<Column<?>> columns) {
        return new Attributes(List.empty(), columns.distinct());
    }

    public boolean isAll() {
        return only.isEmpty() && excluded.isEmpty();
    }

    /** The columns of {@code model} to select, in the model's order, primary key included. */
    public java.util.List<Column<?>> select(Model model) {
        java.util.List<Column<?>> out = new java.util.ArrayList<>();
        for (Column<?> c : model.columns()) {
            boolean wanted = only.isEmpty() ? !excluded.contains(c) : only.contains(c);
            if (wanted || c.isPrimaryKey()) {
                out.add(c);
            }
        }
        return out;
    }

    @Override public String toString() {
        if (isAll()) {
            return "*";
        }
        return only.isEmpty() ? "* except " + excluded.map(Column::name).mkString(", ") : only.map(Column::name).mkString(", ");
    }
}
