package dev.canopy.plan;

import dev.canopy.model.Association;
import dev.canopy.model.Model;
import dev.canopy.query.Computed;
import dev.canopy.query.Expr;
import dev.canopy.query.Attributes;
import dev.canopy.query.Condition;
import dev.canopy.query.Include;
import dev.canopy.query.Order;
import dev.canopy.query.Query;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * What one statement is made of: a bound query, or a separate include loaded under its parents ({@code via}).
 *
 * @param paranoid whether soft-deleted rows of paranoid models are left out (the query's setting, inherited by its
 *                 separate includes)
 * @param path     the include path from the query's root to this statement's root ({@code ""} for the query), so
 *                 that each include is found in {@code slots} whatever statement loads it
 * @param slots    where the parameters made for the query's values are recorded, and the slot of each include's
 *                 values ({@link Shape}); null when nothing is recorded (a count, an aggregate)
 * @param group    the group terms of a grouped report (empty unless {@code grouped})
 * @param grouped  whether the rows are groups (the query groups by more than the root's key), not roots
 * @param having   the condition on aggregates, or null
 * @param paths    the associations along a path an expression names (resolved when the query was bound)
 */
record Spec(Model root, Attributes attributes, List<Include> includes, @Nullable Condition where, List<Order> order,
            @Nullable Integer limit, @Nullable Integer offset, boolean paranoid, @Nullable Include via, String path,
            @Nullable Slots slots, List<Expr<?>> group, boolean grouped, @Nullable Condition having,
            Function<List<String>, @Nullable List<Association>> paths) {

    /** The recorder of one planning pass, and where each part of the query's values starts ({@link Shape.Positions}). */
    record Slots(BindSlots binds, Shape.Positions at) {}

    static Spec of(Query q, @Nullable Slots slots) {
        return new Spec(q.root(), q.attributes(), q.includes(), q.where(), q.order(), q.limit(), q.offset(), q.isParanoid(), null, "",
                slots, q.group(), q.isGrouped(), q.having(), q::associationsOf);
    }

    static Spec separate(Include inc, boolean paranoid, String path, @Nullable Slots slots) {
        return new Spec(inc.model(), inc.attributes(), inc.includes(), inc.where(), inc.order(), inc.limit(), null, paranoid, inc, path,
                slots, List.of(), false, null, p -> null);
    }

    /** The computed attributes of the statement's root. */
    List<Computed<?>> computed() {
        return attributes.computed();
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
        Integer s = slots == null ? null : slots.at().includes().get(absolutePath);
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

    /**
     * The first slot of the {@code through(where)} values of the include at {@code absolutePath} (after its where's);
     * 0 when nothing is recorded.
     */
    int throughSlot(String absolutePath) {
        if (slots == null) {
            return 0;
        }
        Integer s = slots.at().through().get(absolutePath);
        if (s == null) {
            throw new IllegalStateException("no through slots for include path '" + absolutePath + "'");
        }
        return s;
    }

    /** The first slot of the query's having; 0 when nothing is recorded. */
    int havingBase() {
        return slots == null ? 0 : slots.at().having();
    }

    /** A converter of conditions over {@code fields} (columns only) whose values start at slot {@code base}. */
    Conditions conditions(Function<dev.canopy.query.ColumnRef<?>, org.jooq.Field<Object>> fields, boolean arrays, int base) {
        return conditions(fields, arrays, base, expressions(fields));
    }

    /** A converter of conditions whose values start at slot {@code base}, its expressions rendered by {@code exprs}. */
    Conditions conditions(Function<dev.canopy.query.ColumnRef<?>, org.jooq.Field<Object>> fields, boolean arrays, int base, Expressions exprs) {
        return new Conditions(fields, arrays, exprs, slots == null ? null : slots.binds(), base);
    }

    /** Expressions over columns only (an include's where, the aggregate table), their values recorded with their slots. */
    Expressions expressions(Function<dev.canopy.query.ColumnRef<?>, org.jooq.Field<Object>> fields) {
        return Expressions.columnsOnly(fields, slots);
    }

    /** How messages name this statement: {@code Track's query}, {@code the separate include 'tracks'}. */
    String describe() {
        return via == null ? root.name() + "'s query" : "the separate include '" + via.alias() + "'";
    }
}
