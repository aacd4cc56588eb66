package dev.canopy.plan;

import java.util.ArrayList;
import java.util.List;
import org.jooq.Record;
import org.jooq.Select;
import org.jooq.SelectQuery;
import org.jooq.SortField;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.jspecify.annotations.Nullable;

/**
 * Everything a plan's statement is made of, decided once: the layout, the where, the order, the FROM clause of an
 * unpaged statement. {@link #select(List)} composes a new jOOQ SELECT from these parts on every call, so the statement
 * is a pure function of the plan and the bind values (a separate include's parent keys): the same plan gives the
 * same SQL for the same number of keys, from any thread.
 */
final class StatementShape {
    private final Layout layout;
    private final JoinTree joins;
    private final Paging paging;
    private final org.jooq.@Nullable Condition where;
    private final List<SortField<?>> order;
    private final Table<?> from;

    StatementShape(Layout layout) {
        this.layout = layout;
        this.joins = new JoinTree(layout);
        Ordering ordering = new Ordering(layout);
        this.where = where(layout);
        this.paging = new Paging(layout, joins, ordering, where);
        this.order = List.copyOf(ordering.sortFields());
        this.from = joins.from(layout.rootTable());
    }

    /** The root where, the paranoid filter of the root, and the EXISTS of the root's required separate includes. */
    private static org.jooq.@Nullable Condition where(Layout layout) {
        Spec spec = layout.spec();
        PlanNode root = layout.root();
        List<org.jooq.Condition> conds = new ArrayList<>();
        if (spec.where() != null) {
            conds.add(layout.conditions().toJooq(spec.where()));
        }
        if (spec.paranoid() && root.model().options().isParanoid()) {
            conds.add(layout.field(root, root.model().column("deletedAt")).isNull());
        }
        conds.addAll(layout.exists().getOrDefault(0, List.of()));
        if (spec.having() != null && !spec.grouped()) {
            // per-root aggregates are columns of the aggregate table joined to the root: filtering roots by them is a where
            conds.add(layout.conditions().toJooq(spec.having()));
        }
        return conds.isEmpty() ? null : DSL.and(conds);
    }

    /** The GROUP BY of a grouped report. */
    private List<org.jooq.Field<?>> groupBy() {
        List<org.jooq.Field<?>> out = new ArrayList<>();
        for (dev.canopy.query.Expr<?> g : layout.spec().group()) {
            out.add(layout.expressions().field(g));
        }
        return out;
    }

    /** A grouped report: one row per group, no paging table (limit counts groups). */
    private Select<?> grouped(boolean countOnly) {
        Spec spec = layout.spec();
        SelectQuery<Record> s = Planner.NEUTRAL.selectQuery();
        s.addSelect(countOnly ? groupBy() : layout.select());
        s.addFrom(from);
        if (where != null) {
            s.addConditions(where);
        }
        if (!spec.group().isEmpty()) {
            s.addGroupBy(groupBy());
        }
        if (spec.having() != null) {
            s.addHaving(layout.conditions().toJooq(spec.having()));
        }
        if (countOnly) {
            return DSL.selectCount().from(s.asTable("c"));
        }
        s.addOrderBy(order);
        Paging.limit(s, spec);
        return s;
    }

    Layout layout() {
        return layout;
    }

    /** The statement; for a separate include's plan, restricted to the given parent keys. */
    Select<?> select(@Nullable List<?> parentKeys) {
        if (layout.spec().grouped()) {
            return grouped(false);
        }
        org.jooq.Condition keyed = parentKeys == null ? DSL.noCondition() : layout.partition().in(parentKeys);
        SelectQuery<Record> s = Planner.NEUTRAL.selectQuery();
        s.addSelect(layout.select());
        if (paging.needsPageTable()) {
            s.addFrom(joins.from(paging.pageJoin(keyed)));
        } else {
            s.addFrom(from);
            Paging.limit(s, layout.spec());
        }
        if (where != null) {
            s.addConditions(where);
        }
        s.addConditions(keyed);
        s.addOrderBy(order);
        return s;
    }

    /** {@code SELECT COUNT(*) FROM (SELECT DISTINCT root key FROM pruned joins WHERE ..)}: distinct roots. */
    Select<?> count() {
        if (layout.spec().grouped()) {
            return grouped(true);
        }
        PlanNode root = layout.root();
        var keyColumns = root.model().primaryKey().isEmpty() ? root.model().columns() : root.model().primaryKey();
        List<org.jooq.Field<Object>> keys = new ArrayList<>();
        for (var c : keyColumns) {
            keys.add(layout.field(root, c));
        }
        SelectQuery<Record> inner = Planner.NEUTRAL.selectQuery();
        inner.addSelect(keys);
        inner.addFrom(joins.pruned(layout.rootTable()));
        if (where != null) {
            inner.addConditions(where);
        }
        inner.setDistinct(true);
        return DSL.selectCount().from(inner.asTable("c"));
    }
}
