package dev.canopy.plan;

import java.util.ArrayList;
import java.util.List;
import org.jooq.Field;
import org.jooq.Param;
import org.jooq.Record;
import org.jooq.Select;
import org.jooq.SelectQuery;
import org.jooq.SortField;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.jspecify.annotations.Nullable;

/**
 * Everything a plan's statement is made of, decided once: the layout, the where, the order, the FROM clause of an
 * unpaged statement, a grouped report's GROUP BY and HAVING. {@link #select(List, List)} composes a new jOOQ SELECT
 * from these parts on every call, so the statement is a pure function of the plan and the bind values (a separate
 * include's parent keys): the same plan gives the same SQL for the same number of keys, from any thread.
 */
final class StatementShape {
    private final Layout layout;
    private final JoinTree joins;
    private final Paging paging;
    private final org.jooq.@Nullable Condition where;
    private final List<SortField<?>> order;
    private final Table<?> from;
    /** A grouped report's GROUP BY terms and HAVING, made once like the where (their parameters are the plan's). */
    private final List<Field<?>> groupBy;
    private final org.jooq.@Nullable Condition having;

    StatementShape(Layout layout) {
        this.layout = layout;
        this.joins = new JoinTree(layout);
        Ordering ordering = new Ordering(layout);
        this.where = where(layout);
        this.paging = new Paging(layout, joins, ordering, where);
        this.order = List.copyOf(ordering.sortFields());
        this.from = joins.from(layout.rootTable());
        Spec spec = layout.spec();
        List<Field<?>> terms = new ArrayList<>();
        if (spec.grouped()) {
            for (dev.canopy.query.Expr<?> g : spec.group()) {
                terms.add(layout.expressions().field(g));
            }
        }
        this.groupBy = List.copyOf(terms);
        this.having = spec.grouped() && spec.having() != null ? layout.havingConditions().toJooq(spec.having()) : null;
    }

    /** The root where, the paranoid filter of the root, and the EXISTS of the root's required separate includes. */
    private static org.jooq.@Nullable Condition where(Layout layout) {
        Spec spec = layout.spec();
        PlanNode root = layout.root();
        List<org.jooq.Condition> conds = new ArrayList<>();
        if (spec.where() != null) {
            conds.add(spec.conditions(layout::resolve, layout.arrays(), spec.whereBase()).toJooq(spec.where()));
        }
        if (spec.paranoid() && root.model().options().isParanoid()) {
            conds.add(layout.field(root, root.model().column("deletedAt")).isNull());
        }
        conds.addAll(layout.exists().getOrDefault(0, List.of()));
        if (spec.having() != null && !spec.grouped()) {
            // per-root aggregates are columns of the aggregate table joined to the root: filtering roots by them is a where
            conds.add(layout.havingConditions().toJooq(spec.having()));
        }
        return conds.isEmpty() ? null : DSL.and(conds);
    }

    /** A grouped report: one row per group, no paging table (limit counts groups). */
    private Select<?> grouped(boolean countOnly) {
        SelectQuery<Record> s = Planner.NEUTRAL.selectQuery();
        s.addSelect(countOnly ? groupBy : layout.select());
        s.addFrom(from);
        if (where != null) {
            s.addConditions(where);
        }
        if (!groupBy.isEmpty()) {
            s.addGroupBy(groupBy);
        }
        if (having != null) {
            s.addHaving(having);
        }
        if (countOnly) {
            return DSL.selectCount().from(s.asTable("c"));
        }
        s.addOrderBy(order);
        paging.limit(s);
        return s;
    }

    Layout layout() {
        return layout;
    }

    /**
     * The statement; for a separate include's plan, restricted to the given parent keys, whose bind parameters are
     * added to {@code keyParams} in key order when it is given.
     */
    Select<?> select(@Nullable List<?> parentKeys, @Nullable List<Param<?>> keyParams) {
        if (layout.spec().grouped()) {
            return grouped(false);
        }
        org.jooq.Condition keyed = DSL.noCondition();
        if (parentKeys != null) {
            Field<Object> partition = layout.partition();
            List<Param<Object>> params = new ArrayList<>(parentKeys.size());
            for (Object k : parentKeys) {
                params.add(DSL.val(k, partition));
            }
            if (keyParams != null) {
                keyParams.addAll(params);
            }
            keyed = partition.in(params);
        }
        SelectQuery<Record> s = Planner.NEUTRAL.selectQuery();
        s.addSelect(layout.select());
        boolean pageTable = paging.needsPageTable();
        if (pageTable) {
            s.addFrom(joins.from(paging.pageJoin(keyed)));
        } else {
            s.addFrom(from);
            paging.limit(s);
        }
        if (where != null) {
            s.addConditions(where);
        }
        if (!pageTable) {
            // With a page table the parent keys are in its WHERE only; the rows are joined to it by parent key. Also
            // here, the IN (...) on the outer table let H2 read that table first by its index and compute the page
            // (a window over every key) once per row: 80 s instead of 0.5 s for 3,503 tracks (property seed 8275302).
            s.addConditions(keyed);
        }
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
