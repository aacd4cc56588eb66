package dev.canopy.plan;

import dev.canopy.model.Column;
import java.util.ArrayList;
import java.util.List;
import org.jooq.Field;
import org.jooq.Param;
import org.jooq.Record;
import org.jooq.SelectQuery;
import org.jooq.Table;
import org.jooq.impl.DSL;

/**
 * <b>A page is a prefix.</b> Limit and offset count roots, in SQL. When a to-many include is joined (or a separate
 * include has a per-parent limit), a derived table {@code p} first finds the page's root keys over the same joins
 * and where (grouped by root key, ordered by the root's and to-one paths' order terms with the root key as
 * tie-breaker), and the statement joins the roots to that page: {@code t0 JOIN (SELECT keys ... LIMIT ..) p ON
 * t0.key = p.key}. So {@code limit n offset k} returns exactly roots k .. k+n-1 of the same query without a limit,
 * each with the same children. A separate include's per-parent limit numbers each parent's rows with
 * {@code ROW_NUMBER() OVER (PARTITION BY parent key ...)} and keeps those within the window.
 */
final class Paging {
    private final Layout layout;
    private final JoinTree joins;
    private final Ordering ordering;
    private final org.jooq.@org.jspecify.annotations.Nullable Condition where;
    /** The limit and offset as bind parameters, made once and recorded with their slots ({@link Shape}). */
    private final org.jooq.@org.jspecify.annotations.Nullable Param<Integer> limit;
    private final org.jooq.@org.jspecify.annotations.Nullable Param<Integer> offset;

    Paging(Layout layout, JoinTree joins, Ordering ordering, org.jooq.@org.jspecify.annotations.Nullable Condition where) {
        this.layout = layout;
        this.joins = joins;
        this.ordering = ordering;
        this.where = where;
        Spec spec = layout.spec();
        this.limit = spec.limit() == null ? null
                : spec.via() == null || layout.partition() == null ? param(spec.limit(), spec.via() == null ? Shape.LIMIT
                : spec.slots() == null ? -1 : spec.includeSlot(spec.path())) : null;
        this.offset = spec.offset() == null ? null : param(spec.offset(), Shape.OFFSET);
    }

    private Param<Integer> param(int value, int slot) {
        Param<Integer> p = DSL.val(value);
        Spec.Slots slots = layout.spec().slots();
        if (slots != null) {
            slots.binds().add(p, new BindSource.Value(slot, p.getDataType()));
        }
        return p;
    }

    /** Whether the statement must page its roots in a derived table rather than with a plain LIMIT. */
    boolean needsPageTable() {
        Spec spec = layout.spec();
        return spec.paged() && (layout.joinsToMany() || layout.partition() != null) && !layout.root().model().primaryKey().isEmpty();
    }

    /** The root table joined to the page of its keys; {@code keyed} restricts a separate include to its parents. */
    Table<?> pageJoin(org.jooq.Condition keyed) {
        PlanNode root = layout.root();
        Field<Object> partition = layout.partition();
        List<Field<Object>> keys = new ArrayList<>();
        if (partition != null) {
            keys.add(partition);
        }
        for (Column<?> c : root.model().primaryKey()) {
            keys.add(layout.field(root, c));
        }
        SelectQuery<Record> page = Planner.NEUTRAL.selectQuery();
        List<Field<?>> pageFields = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            pageFields.add(keys.get(i).as(DSL.name("k" + i)));
        }
        page.addFrom(joins.pruned(layout.rootTable()));
        if (where != null) {
            page.addConditions(where);
        }
        page.addConditions(keyed);
        List<Field<?>> groupBy = new ArrayList<>(keys);
        for (Field<Object> f : ordering.rootTermFields()) {
            if (!groupBy.contains(f)) {
                groupBy.add(f);
            }
        }
        page.addGroupBy(groupBy);
        // The page comes first and the root is joined to it by key: a database that evaluates a derived table once per
        // row of the table before it (H2 does) then reads the page once, not once per root row.
        int keyFrom = partition == null ? 0 : 1;
        org.jooq.Condition onRoot = DSL.noCondition();
        for (int i = keyFrom; i < keys.size(); i++) {
            onRoot = onRoot.and(keys.get(i).eq(DSL.field(DSL.name("p", "k" + i))));
        }
        if (partition == null) {
            page.addSelect(pageFields);
            page.addOrderBy(ordering.rootSortFields());
            limit(page);
            return page.asTable(DSL.name("p")).join(layout.bareRootTable()).on(onRoot);
        }
        pageFields.add(DSL.rowNumber().over(DSL.partitionBy(partition).orderBy(ordering.rootSortFields())).as(DSL.name("rn")));
        page.addSelect(pageFields);
        Field<Integer> rn = DSL.field(DSL.name("p", "rn"), Integer.class);
        // A separate include has no offset: its window is 0 < rn <= limit, the limit inline (H2 reads a window bounded
        // by a parameter far slower), so a per-parent limit's number is part of the query's shape (see Shape).
        org.jooq.Condition window = rn.gt(DSL.inline(0));
        if (layout.spec().limit() != null) {
            window = window.and(rn.le(DSL.inline(layout.spec().limit())));
        }
        org.jooq.Condition toParent = partition.eq(DSL.field(DSL.name("p", "k0")));
        Table<?> paged = page.asTable(DSL.name("p")).join(layout.bareRootTable()).on(onRoot.and(window)
                .and(layout.junction() == null ? toParent : DSL.noCondition()));
        return layout.withJunction(paged, layout.junction() == null ? DSL.noCondition() : toParent);
    }

    /** LIMIT and OFFSET as binds: jOOQ renders them as parameters on every dialect, so they are values, not shape. */
    void limit(SelectQuery<Record> s) {
        if (limit != null && offset != null) {
            s.addLimit(offset, limit);
        } else if (limit != null) {
            s.addLimit(limit);
        } else if (offset != null) {
            s.addOffset(offset);
        }
    }
}
