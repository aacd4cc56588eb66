package dev.canopy.plan;

import dev.canopy.model.Model;
import dev.canopy.query.Attributes;
import dev.canopy.query.Condition;
import dev.canopy.query.Include;
import dev.canopy.query.Order;
import dev.canopy.query.Query;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What one statement is made of: a bound query, or a separate include loaded under its parents ({@code via}).
 *
 * @param paranoid whether soft-deleted rows of paranoid models are left out (the query's setting, inherited by its
 *                 separate includes)
 * @param path     the include path from the query's root to this statement's root ({@code ""} for the query), so
 *                 that each include is found in {@code slots} whatever statement loads it
 * @param slots    where the parameters made for the query's values are recorded, and the slot of each include's
 *                 values ({@link Shape}); null when nothing is recorded (a count)
 */
record Spec(Model root, Attributes attributes, List<Include> includes, @Nullable Condition where, List<Order> order,
            @Nullable Integer limit, @Nullable Integer offset, boolean paranoid, @Nullable Include via, String path,
            @Nullable Slots slots) {

    /** The recorder of one planning pass, and the first slot of each include path's values. */
    record Slots(BindSlots binds, Map<String, Integer> includes) {}

    static Spec of(Query q, @Nullable Slots slots) {
        return new Spec(q.root(), q.attributes(), q.includes(), q.where(), q.order(), q.limit(), q.offset(), q.isParanoid(), null, "",
                slots);
    }

    static Spec separate(Include inc, boolean paranoid, String path, @Nullable Slots slots) {
        return new Spec(inc.model(), inc.attributes(), inc.includes(), inc.where(), inc.order(), inc.limit(), null, paranoid, inc, path,
                slots);
    }

    boolean paged() {
        return limit != null || offset != null;
    }

    /** The path of an include below this statement's root, from the query's root. */
    String pathOf(List<String> relative) {
        String r = String.join(".", relative);
        return path.isEmpty() ? r : r.isEmpty() ? path : path + "." + r;
    }

    /** The slot of the per-parent limit of the include at {@code absolutePath}; its where's values follow it. */
    int includeSlot(String absolutePath) {
        Integer s = slots == null ? null : slots.includes().get(absolutePath);
        if (s == null) {
            throw new IllegalStateException("no slots for include path '" + absolutePath + "'");
        }
        return s;
    }

    /** The first slot of this statement's where: the root where's, or the separate include's. */
    int whereBase() {
        if (slots == null) {
            return 0;
        }
        return via == null ? Shape.ROOT_WHERE : includeSlot(path) + 1;
    }

    /** A converter of conditions over {@code fields} whose values start at slot {@code base}. */
    Conditions conditions(java.util.function.Function<dev.canopy.query.ColumnRef<?>, org.jooq.Field<Object>> fields, boolean arrays, int base) {
        return new Conditions(fields, arrays, slots == null ? null : slots.binds(), base);
    }

    /** How messages name this statement: {@code Track's query}, {@code the separate include 'tracks'}. */
    String describe() {
        return via == null ? root.name() + "'s query" : "the separate include '" + via.alias() + "'";
    }
}
