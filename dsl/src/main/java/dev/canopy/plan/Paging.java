package dev.canopy.plan;

import dev.canopy.model.Column;
import java.util.ArrayList;
import java.util.List;
import org.jooq.Field;
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

    Paging(Layout layout, JoinTree joins, Ordering ordering, org.jooq.@org.jspecify.annotations.Nullable Condition where) {
        this.layout = layout;
        this.joins = joins;
        this.ordering = ordering;
        this.where = where;
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
        Spec spec = layout.spec();
        if (partition == null) {
            page.addSelect(pageFields);
            page.addOrderBy(ordering.rootSortFields());
            limit(page, spec);
            return page.asTable(DSL.name("p")).join(layout.bareRootTable()).on(onRoot);
        }
        pageFields.add(DSL.rowNumber().over(DSL.partitionBy(partition).orderBy(ordering.rootSortFields())).as(DSL.name("rn")));
        page.addSelect(pageFields);
        Field<Integer> rn = DSL.field(DSL.name("p", "rn"), Integer.class);
        int first = spec.offset() == null ? 0 : spec.offset();
        org.jooq.Condition window = rn.gt(DSL.inline(first));
        if (spec.limit() != null) {
            window = window.and(rn.le(DSL.inline(first + spec.limit())));
        }
        org.jooq.Condition toParent = partition.eq(DSL.field(DSL.name("p", "k0")));
        Table<?> paged = page.asTable(DSL.name("p")).join(layout.bareRootTable()).on(onRoot.and(window)
                .and(layout.junction() == null ? toParent : DSL.noCondition()));
        return layout.withJunction(paged, layout.junction() == null ? DSL.noCondition() : toParent);
    }

    static void limit(SelectQuery<Record> s, Spec spec) {
        if (spec.limit() != null && spec.offset() != null) {
            s.addLimit(spec.offset(), spec.limit());
        } else if (spec.limit() != null) {
            s.addLimit(spec.limit());
        } else if (spec.offset() != null) {
            s.addOffset(spec.offset());
        }
    }
}
