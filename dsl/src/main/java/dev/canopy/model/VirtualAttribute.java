package dev.canopy.model;

import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * An attribute computed from other attributes of the same row, never stored and never in SQL (Sequelize's
 * {@code DataTypes.VIRTUAL} with a getter). Declared on a model with {@link Model#virtual}; read like an attribute:
 * {@code entity.get(USER.fullName)}, {@code entity.get("fullName")}, a record component named {@code fullName},
 * and a key of {@code toMap()} / {@code toJson()}. It is computed when read, from the attributes it
 * {@link #dependsOn()}; a query whose attributes list leaves one of them out does not have it.
 * <pre>{@code
 * final Column<String> first = string("first");
 * final Column<String> last = string("last");
 * final VirtualAttribute<String> fullName = virtual("fullName", String.class, r -> r.get(first) + " " + r.get(last), first, last);
 * }</pre>
 *
 * @param <T> the Java type of its values
 */
public final class VirtualAttribute<T> {
    private final Model model;
    private final String name;
    private final Class<T> type;
    private final Function<? super RowView, ? extends @Nullable T> compute;
    private final List<Column<?>> dependsOn;
    private volatile @Nullable List<Column<?>> resolved;

    VirtualAttribute(Model model, String name, Class<T> type, Function<? super RowView, ? extends @Nullable T> compute, List<Column<?>> dependsOn) {
        this.model = model;
        this.name = name;
        this.type = Objects.requireNonNull(type, "type is null");
        this.compute = Objects.requireNonNull(compute, "compute is null");
        this.dependsOn = List.copyOf(dependsOn);
    }

    public Model model() { return model; }
    public String name() { return name; }
    public Class<T> type() { return type; }

    /** The attributes it is computed from, by name (columns are values that change while a model is declared). */
    public List<Column<?>> dependsOn() {
        List<Column<?>> done = resolved;
        if (done != null) {
            return done;
        }
        List<Column<?>> out = new java.util.ArrayList<>(dependsOn.size());
        for (Column<?> c : dependsOn) {
            out.add(model.column(c.name()));
        }
        out = List.copyOf(out);
        if (model.isSealed()) {
            resolved = out;     // the columns are final now; a race resolves the same list twice, harmlessly
        }
        return out;
    }

    /** Its value for a row of its model. */
    public @Nullable T compute(RowView row) {
        return type.cast(compute.apply(row));
    }

    @Override public String toString() {
        return model.name() + "." + name + " (virtual)";
    }
}
