package dev.canopy.plan;

import dev.canopy.model.Association;
import dev.canopy.model.Column;
import dev.canopy.query.Include;
import dev.canopy.query.JoinKind;
import org.jooq.JoinType;
import org.jooq.Name;
import org.jooq.Table;
import org.jooq.impl.DSL;

/**
 * The FROM clause of a layout: its joined includes attached to a base table (the root's table, or the root joined
 * to its page of keys). A pure function of the layout: the same arguments give the same tree, from any thread.
 *
 * <p>Joins follow Sequelize's semantics. A required include is an INNER JOIN, an optional one a LEFT OUTER JOIN, a
 * right one a RIGHT OUTER JOIN; an include's where and a paranoid model's {@code deletedAt IS NULL} go in its ON
 * clause. An optional include whose subtree holds a required (or right) join is nested,
 * {@code LEFT JOIN (b INNER JOIN c ON ..) ON ..}, so the required grandchild filters the optional child and never
 * drops the parent. A belongsToMany joins its junction and its target as one nested unit unless it is required.
 */
final class JoinTree {
    private final Layout layout;
    /** Each node's ON-clause additions, made once: their bind parameters are the plan's, recorded with their slots. */
    private final java.util.List<org.jooq.Condition> own;
    /** Each belongsToMany node's {@code through(where)} on its junction, made once like {@link #own}. */
    private final java.util.List<org.jooq.Condition> through;

    JoinTree(Layout layout) {
        this.layout = layout;
        java.util.List<org.jooq.Condition> conds = new java.util.ArrayList<>();
        java.util.List<org.jooq.Condition> junctions = new java.util.ArrayList<>();
        Spec spec = layout.spec();
        for (PlanNode n : layout.nodes()) {
            conds.add(n.index() == 0 ? DSL.noCondition() : ownCondition(n));
            junctions.add(n.index() == 0 || n.junction() == null ? DSL.noCondition()
                    : throughWhere(spec, n.include(), DSL.name(n.junction()), layout.arrays(), spec.pathOf(n.path())));
        }
        this.own = java.util.List.copyOf(conds);
        this.through = java.util.List.copyOf(junctions);
    }

    /** Every joined include attached to {@code base}. */
    Table<?> from(Table<?> base) {
        return attachChildren(base, layout.root(), false);
    }

    /**
     * The join tree without the optional subtrees that cannot change which roots qualify (for a page of root keys
     * and a count): a LEFT JOIN that no where or order term names cannot add or remove a root.
     */
    Table<?> pruned(Table<?> base) {
        return attachChildren(base, layout.root(), true);
    }

    private Table<?> attachChildren(Table<?> left, PlanNode n, boolean pruned) {
        Table<?> t = left;
        for (int g : n.children()) {
            PlanNode child = layout.nodes().get(g);
            if (!pruned || child.join() != JoinKind.LEFT || layout.isReferenced(child.pathText())) {
                t = attach(t, child, pruned);
            }
        }
        return t;
    }

    /** Joins child {@code c} (and its subtree) to {@code left}, nesting where the semantics need it. */
    private Table<?> attach(Table<?> left, PlanNode c, boolean pruned) {
        Association a = c.include().association();
        Association.Keys k = a.keys();
        PlanNode parent = layout.nodes().get(c.parent());
        boolean btm = a.kind() == Association.Kind.BELONGS_TO_MANY;
        // Nest only where it changes the answer: an optional include whose subtree can remove rows (or a right join).
        // An optional belongsToMany with nothing below that filters joins flat, junction and target both LEFT: a junction
        // row whose target is missing or fails the include's where gives a null child, which hydration skips. SQLite
        // builds a nested join in full before joining it (seconds where the flat form takes milliseconds).
        boolean nest = c.join() != JoinKind.INNER && (btm || !c.children().isEmpty()) && (c.join() == JoinKind.RIGHT || subtreeFilters(c));
        org.jooq.Condition own = this.own.get(c.index());
        Table<?> table = Fields.table(c.model().tableName(), c.alias());
        if (btm) {
            Name j = DSL.name(c.junction());
            Column<?> throughSource = k.throughSource();
            Table<?> junction = DSL.table(DSL.name(throughSource.model().tableName())).as(j);
            org.jooq.Condition toParent = Fields.of(j, throughSource).eq(layout.field(parent, k.source())).and(through.get(c.index()));
            org.jooq.Condition toTarget = Fields.of(j, k.throughTarget()).eq(layout.field(c, k.target()));
            if (!nest) {
                return attachChildren(left.join(junction, joinType(c.join())).on(toParent).join(table, joinType(c.join())).on(toTarget.and(own)),
                        c, pruned);
            }
            Table<?> inner = attachChildren(junction.join(table, JoinType.JOIN).on(toTarget.and(own)), c, pruned);
            return left.join(inner, joinType(c.join())).on(toParent);
        }
        // The foreign key is written first: parent.fk = child.key for a belongsTo, child.fk = parent.key otherwise.
        org.jooq.Condition on = (a.kind() == Association.Kind.BELONGS_TO
                ? layout.field(parent, k.source()).eq(layout.field(c, k.target()))
                : layout.field(c, k.target()).eq(layout.field(parent, k.source()))).and(own);
        if (!nest) {
            return attachChildren(left.join(table, joinType(c.join())).on(on), c, pruned);
        }
        return left.join(attachChildren(table, c, pruned), joinType(c.join())).on(on);
    }

    /**
     * The {@code through(where)} of the include at {@code absolutePath} (from the query's root), on the junction's
     * columns, its values from that include's through slots; no condition without one.
     */
    static org.jooq.Condition throughWhere(Spec spec, Include include, Name junction, boolean arrays, String absolutePath) {
        dev.canopy.query.Through t = include.throughOption();
        if (t == null || t.where() == null) {
            return DSL.noCondition();
        }
        return spec.conditions(ref -> Fields.of(junction, ref.column()), arrays, spec.throughSlot(absolutePath)).toJooq(t.where());
    }

    /** Whether a join below {@code n} can remove rows (so it must stay inside n's optional join). */
    private boolean subtreeFilters(PlanNode n) {
        for (int g : n.children()) {
            PlanNode child = layout.nodes().get(g);
            if (child.join() != JoinKind.LEFT || subtreeFilters(child)) {
                return true;
            }
        }
        return false;
    }

    /** The include's own where, its paranoid filter, and the EXISTS of its required separate includes. */
    private org.jooq.Condition ownCondition(PlanNode c) {
        org.jooq.Condition own = DSL.noCondition();
        Include inc = c.include();
        if (inc.where() != null) {
            Spec spec = layout.spec();
            int base = spec.slots() == null ? 0 : spec.includeSlot(spec.pathOf(c.path())) + 1;
            own = own.and(spec.conditions(ref -> layout.field(c, ref.column()), layout.arrays(), base).toJooq(inc.where()));
        }
        if (layout.spec().paranoid() && c.model().options().isParanoid()) {
            own = own.and(layout.field(c, c.model().column("deletedAt")).isNull());
        }
        for (org.jooq.Condition e : layout.exists().getOrDefault(c.index(), java.util.List.of())) {
            own = own.and(e);
        }
        return own;
    }

    private static JoinType joinType(JoinKind k) {
        switch (k) {
            case INNER: return JoinType.JOIN;
            case RIGHT: return JoinType.RIGHT_OUTER_JOIN;
            default: return JoinType.LEFT_OUTER_JOIN;
        }
    }
}
