package dev.canopy.plan;

import dev.canopy.model.Column;
import dev.canopy.query.ColumnRef;
import dev.canopy.query.Order;
import java.util.ArrayList;
import java.util.List;
import org.jooq.Field;
import org.jooq.SortField;

/**
 * The ORDER BY of a layout. <b>Order has two parts.</b> Terms on the root and on to-one paths order the roots; the
 * root key follows as a tie-breaker whenever a to-many include is joined or a limit, offset or order is given;
 * then, for each joined to-many node in pre-order, its own terms and its key, which order children within their
 * parent. Joined and separate loading therefore return the same graph in the same order.
 */
final class Ordering {
    private final Layout layout;

    Ordering(Layout layout) {
        this.layout = layout;
        for (Order o : layout.spec().order()) {
            if (o.isExpr()) {
                if (!layout.spec().grouped() && !o.expr().isAggregate()) {
                    LayoutBuilder.checkToOne(layout, o.expr(), "the order term " + o);
                }
                layout.expressions().field(o.expr());
            } else {
                layout.resolve(o.column());   // every term names an included path: never dropped in silence
            }
        }
    }

    /** Whether a term orders roots: on the root, a to-one path, or an expression per root (aggregates included). */
    private boolean ordersRoots(Order o) {
        return o.isExpr() || layout.isToOnePath(o.column().path());
    }

    /** The root-ordering terms: root and to-one paths, then the root key as tie-breaker. */
    List<SortField<?>> rootSortFields() {
        List<SortField<?>> out = new ArrayList<>();
        for (Order o : layout.spec().order()) {
            if (ordersRoots(o)) {
                out.add(sortField(o));
            }
        }
        PlanNode root = layout.root();
        for (Column<?> c : root.model().primaryKey()) {
            if (!orderedBy(layout.spec().order(), List.of(), List.of(), c)) {
                out.add(layout.field(root, c).asc());
            }
        }
        return out;
    }

    /** The root and to-one order terms' fields, which a page grouped by root key must also group by. */
    List<Field<Object>> rootTermFields() {
        List<Field<Object>> out = new ArrayList<>();
        for (Order o : layout.spec().order()) {
            if (ordersRoots(o)) {
                out.add(field(o));
            }
        }
        return out;
    }

    /**
     * The statement's order: root and to-one terms, the root key when rows must come grouped by root or pages must
     * not overlap, then for each joined to-many node its own terms and its key.
     */
    List<SortField<?>> sortFields() {
        Spec spec = layout.spec();
        if (spec.grouped()) {
            List<SortField<?>> terms = new ArrayList<>();
            for (Order o : spec.order()) {
                terms.add(sortField(o));
            }
            return terms;
        }
        boolean tieBreak = layout.joinsToMany() || spec.paged() || !spec.order().isEmpty() || layout.partition() != null;
        List<SortField<?>> out = new ArrayList<>();
        if (tieBreak) {
            out.addAll(rootSortFields());
        } else {
            for (Order o : spec.order()) {
                out.add(sortField(o));
            }
        }
        for (PlanNode n : layout.nodes()) {
            if (!n.isToMany()) {
                continue;
            }
            for (Order o : spec.order()) {
                if (!o.isExpr() && layout.owner(o.column().path()) == n) {
                    out.add(sortField(o));
                }
            }
            List<Order> own = n.include().order();
            for (Order o : own) {
                List<String> path = new ArrayList<>(n.path());
                path.addAll(o.column().path());
                out.add(sortField(new Order(ColumnRef.of(path, o.column().column()), o.direction(), o.nulls())));
            }
            for (int off : n.keyOffsets()) {
                Column<?> key = n.columns().get(off);
                if (!orderedBy(spec.order(), n.path(), List.of(), key) && !orderedBy(own, List.of(), List.of(), key)) {
                    out.add(layout.field(n, key).asc());
                }
            }
        }
        return out;
    }

    /** Whether {@code terms} already order by this column of the node at {@code base + path}. */
    private static boolean orderedBy(List<Order> terms, List<String> base, List<String> path, Column<?> c) {
        List<String> full = new ArrayList<>(base);
        full.addAll(path);
        for (Order o : terms) {
            if (!o.isExpr() && o.column().column().equals(c) && o.column().path().equals(full)) {
                return true;
            }
        }
        return false;
    }

    @SuppressWarnings("unchecked")
    private Field<Object> field(Order o) {
        return o.isExpr() ? (Field<Object>) layout.expressions().field(o.expr()) : layout.resolve(o.column());
    }

    private SortField<Object> sortField(Order o) {
        Field<Object> f = field(o);
        SortField<Object> sf = o.direction() == Order.Direction.ASC ? f.asc() : f.desc();
        if (o.nulls() == Order.Nulls.FIRST) {
            sf = sf.nullsFirst();
        } else if (o.nulls() == Order.Nulls.LAST) {
            sf = sf.nullsLast();
        }
        return sf;
    }
}
