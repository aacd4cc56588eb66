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
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * What one statement is made of: a bound query, or a separate include loaded under its parents ({@code via}).
 *
 * @param paranoid whether soft-deleted rows of paranoid models are left out (the query's setting, inherited by its
 *                 separate includes)
 * @param group    the group terms of a grouped report (empty unless {@code grouped})
 * @param grouped  whether the rows are groups (the query groups by more than the root's key), not roots
 * @param having   the condition on aggregates, or null
 * @param paths    the associations along a path an expression names (resolved when the query was bound)
 */
record Spec(Model root, Attributes attributes, List<Include> includes, @Nullable Condition where, List<Order> order,
            @Nullable Integer limit, @Nullable Integer offset, boolean paranoid, @Nullable Include via,
            List<Expr<?>> group, boolean grouped, @Nullable Condition having, Function<List<String>, @Nullable List<Association>> paths) {

    static Spec of(Query q) {
        return new Spec(q.root(), q.attributes(), q.includes(), q.where(), q.order(), q.limit(), q.offset(), q.isParanoid(), null,
                q.group(), q.isGrouped(), q.having(), q::associationsOf);
    }

    static Spec separate(Include inc, boolean paranoid) {
        return new Spec(inc.model(), inc.attributes(), inc.includes(), inc.where(), inc.order(), inc.limit(), null, paranoid, inc,
                List.of(), false, null, path -> null);
    }

    /** The computed attributes of the statement's root. */
    List<Computed<?>> computed() {
        return attributes.computed();
    }

    boolean paged() {
        return limit != null || offset != null;
    }

    /** How messages name this statement: {@code Track's query}, {@code the separate include 'tracks'}. */
    String describe() {
        return via == null ? root.name() + "'s query" : "the separate include '" + via.alias() + "'";
    }
}
