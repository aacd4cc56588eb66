package dev.canopy.plan;

import java.util.IdentityHashMap;
import java.util.Map;
import org.jooq.Param;
import org.jspecify.annotations.Nullable;

/**
 * The bind parameters one planning pass made for a query's values, each with the {@link BindSource} it stands for.
 * Filled while the plan and its separate plans are built (every value becomes its parameter once, at plan time), then
 * only read: a statement rendered from the plan is matched parameter by parameter, by identity, to say where each
 * bind value of the SQL comes from.
 */
public final class BindSlots {
    private final Map<Object, BindSource> sources = new IdentityHashMap<>();
    private volatile boolean frozen;

    BindSlots() {}

    /** The slots of a plan that binds no value of a query (the plan of a raw result's rows). */
    static BindSlots none() {
        BindSlots none = new BindSlots();
        none.freeze();
        return none;
    }

    void add(Param<?> param, BindSource source) {
        check();
        sources.put(param, source);
    }

    /** An array bound through a plain-SQL template: jOOQ wraps it in a parameter of its own, found by the array. */
    void addArray(Object array, BindSource source) {
        check();
        sources.put(array, source);
    }

    private void check() {
        if (frozen) {
            throw new IllegalStateException("a plan's bind slots are complete once it is planned");
        }
    }

    void freeze() {
        frozen = true;
    }

    /** Where this parameter's value comes from, or null when the planner did not make it for a value of the query. */
    public @Nullable BindSource of(Param<?> param) {
        BindSource s = sources.get(param);
        if (s == null && param.getValue() instanceof Object[]) {
            s = sources.get(param.getValue());
        }
        return s;
    }
}
