package dev.canopy.plan;

import dev.canopy.error.QueryException;
import dev.canopy.model.Association;
import dev.canopy.model.Column;
import dev.canopy.model.Model;
import dev.canopy.query.ColumnRef;
import dev.canopy.query.Condition;
import dev.canopy.query.Include;
import dev.canopy.query.JoinKind;
import dev.canopy.query.Order;
import dev.canopy.query.Query;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.jooq.Field;
import org.jooq.JoinType;
import org.jooq.Name;
import org.jooq.Record;
import org.jooq.SelectFieldOrAsterisk;
import org.jooq.SelectQuery;
import org.jooq.SortField;
import org.jooq.Table;
import org.jooq.impl.DSL;

/**
 * Turns a query into a plan. One SELECT joins the root and every include; aliases are generated ({@code t0} for
 * the root, {@code t1}.. for includes in pre-order, {@code j1}.. for belongsToMany junctions), so their length does not
 * depend on the depth of the tree.
 *
 * <p>Joins follow Sequelize's semantics. A required include is an INNER JOIN, an optional one a LEFT OUTER JOIN,
 * a right one a RIGHT OUTER JOIN; an include's where and a paranoid model's {@code deletedAt IS NULL} go in its ON
 * clause. An optional include whose subtree holds a required (or right) join is nested,
 * {@code LEFT JOIN (b INNER JOIN c ON ..) ON ..}, so the required grandchild filters the optional child and never
 * drops the parent; elsewhere joins are flat. A belongsToMany joins its junction and its target as one nested
 * unit unless it is required.
 *
 * <p><b>A page is a prefix.</b> Limit and offset count roots, in SQL. When a to-many include is joined, a derived
 * table {@code p} first finds the page's root keys over the very same joins and where (grouped by root key, ordered
 * by the root's and to-one paths' order terms with the root key as tie-breaker), and the statement then joins the
 * roots to that page. So {@code limit n offset k} returns exactly roots k .. k+n-1 of the same query without a limit,
 * each with the same children: a required include under an optional one, a filtered required belongsToMany and a
 * top-level {@code $path.col$} predicate on a to-many path all filter the page exactly as they filter the full result.
 *
 * <p><b>Order has two parts.</b> Terms on the root and on to-one paths order the roots; the root key follows as a
 * tie-breaker whenever a to-many include is joined or a limit, offset or order is given; terms on to-many paths
 * come last and order children within their parent. Rows therefore arrive grouped by root.
 */
public final class Planner {
    /** Builds statement trees without a dialect; rendering chooses the dialect later. */
    private static final org.jooq.DSLContext NEUTRAL = DSL.using(org.jooq.SQLDialect.DEFAULT);

    /** Plans a query: one statement for the root and every include. */
    public Plan plan(Query query) {
        Builder b = new Builder(query);
        return b.build();
    }

    /** The statement that counts the distinct roots of a query, whatever its includes. */
    public org.jooq.Select<?> planCount(Query query) {
        Builder b = new Builder(query.unpaged());
        Plan full = b.build();
        PlanNode root = full.root();
        SelectQuery<Record> inner = NEUTRAL.selectQuery();
        List<Field<Object>> keys = new ArrayList<>();
        List<Column<?>> keyColumns = root.keyOffsets().length > 0
                ? java.util.Arrays.stream(root.keyOffsets()).mapToObj(o -> root.columns().get(o)).collect(Collectors.toList())
                : root.model().columns();
        for (Column<?> c : keyColumns) {
            keys.add(b.field(root, c));
        }
        inner.addSelect(keys);
        inner.addFrom(b.prunedFrom());
        if (b.where != null) {
            inner.addConditions(b.where);
        }
        if (full.joinsToMany() || root.keyOffsets().length == 0) {
            inner.setDistinct(true);
        }
        return DSL.selectCount().from(inner.asTable("c"));
    }

    /** Everything one planning pass needs; thrown away afterwards. */
    private static final class Builder {
        private final Query query;
        private final List<PlanNode> nodes = new ArrayList<>();
        private final Map<String, PlanNode> byPath = new HashMap<>();
        private final List<SelectFieldOrAsterisk> select = new ArrayList<>();
        private int junctions;
        private boolean pruning;
        private java.util.@org.jspecify.annotations.Nullable Set<String> referenced;
        private Table<?> from;
        private org.jooq.@org.jspecify.annotations.Nullable Condition where;

        Builder(Query query) {
            this.query = query;
            this.from = DSL.table(DSL.name("x"));
        }

        Plan build() {
            PlanNode root = addNode(-1, List.of(), query.root(), null);
            from = joinTree(table(root));
            List<org.jooq.Condition> conds = new ArrayList<>();
            if (query.where() != null) {
                conds.add(new Conditions(this::resolve).toJooq(query.where()));
            }
            if (query.isParanoid() && root.model().options().isParanoid()) {
                conds.add(field(root, root.model().column("deletedAt")).isNull());
            }
            where = conds.isEmpty() ? null : DSL.and(conds);
            boolean paged = query.limit() != null || query.offset() != null;
            boolean toMany = nodes.stream().anyMatch(PlanNode::isToMany);
            SelectQuery<Record> s = NEUTRAL.selectQuery();
            s.addSelect(select);
            if (paged && toMany && !root.model().primaryKey().isEmpty()) {
                s.addFrom(joinTree(pageJoin(root)));
            } else {
                s.addFrom(from);
                limit(s);
            }
            if (where != null) {
                s.addConditions(where);
            }
            s.addOrderBy(sortFields());
            return new Plan(s, List.copyOf(nodes));
        }

        private void limit(SelectQuery<Record> s) {
            if (query.limit() != null && query.offset() != null) {
                s.addLimit(query.offset(), query.limit());
            } else if (query.limit() != null) {
                s.addLimit(query.limit());
            } else if (query.offset() != null) {
                s.addOffset(query.offset());
            }
        }

        /** The join tree without the optional subtrees that cannot change which roots qualify. */
        Table<?> prunedFrom() {
            pruning = true;
            try {
                return joinTree(table(nodes.get(0)));
            } finally {
                pruning = false;
            }
        }

        /** The whole join tree, starting from {@code base} in place of the bare root table. */
        private Table<?> joinTree(Table<?> base) {
            Table<?> expr = base;
            for (int child : nodes.get(0).children()) {
                if (joined(nodes.get(child))) {
                    expr = attach(expr, nodes.get(child));
                }
            }
            return expr;
        }

        /**
         * Whether a node is joined in the statement being built. The page of root keys leaves out optional subtrees
         * that no where or order term names: a LEFT JOIN there cannot change which roots qualify, only multiply rows.
         */
        private boolean joined(PlanNode n) {
            return !pruning || n.join() != JoinKind.LEFT || referencedBelow(n);
        }

        private boolean referencedBelow(PlanNode n) {
            if (referenced == null) {
                referenced = new java.util.HashSet<>();
                if (query.where() != null) {
                    query.where().forEachColumn(ref -> referenced.add(String.join(".", ref.path())));
                }
                for (Order o : query.orderList()) {
                    referenced.add(String.join(".", o.column().path()));
                }
            }
            String prefix = n.pathText();
            for (String r : referenced) {
                if (r.equals(prefix) || r.startsWith(prefix + ".")) {
                    return true;
                }
            }
            return false;
        }

        /**
         * The root table joined to the page of root keys: {@code t0 JOIN (SELECT keys FROM <same joins> WHERE <same
         * where> GROUP BY keys, root order terms ORDER BY root order terms, keys LIMIT ..) p ON t0.key = p.key}.
         */
        private Table<?> pageJoin(PlanNode root) {
            List<Field<Object>> keys = new ArrayList<>();
            for (Column<?> c : root.model().primaryKey()) {
                keys.add(field(root, c));
            }
            SelectQuery<Record> page = NEUTRAL.selectQuery();
            List<Field<?>> pageFields = new ArrayList<>();
            for (int i = 0; i < keys.size(); i++) {
                pageFields.add(keys.get(i).as(DSL.name("k" + i)));
            }
            page.addSelect(pageFields);
            page.addFrom(prunedFrom());
            if (where != null) {
                page.addConditions(where);
            }
            List<Field<?>> groupBy = new ArrayList<>(keys);
            for (Order o : query.orderList()) {
                if (isToOnePath(o.column().path())) {
                    Field<Object> f = resolve(o.column());
                    if (!groupBy.contains(f)) {
                        groupBy.add(f);
                    }
                }
            }
            page.addGroupBy(groupBy);
            page.addOrderBy(rootSortFields());
            limit(page);
            Table<?> p = page.asTable(DSL.name("p"));
            org.jooq.Condition on = DSL.noCondition();
            for (int i = 0; i < keys.size(); i++) {
                on = on.and(keys.get(i).eq(DSL.field(DSL.name("p", "k" + i))));
            }
            return table(root).join(p).on(on);
        }

        /** Whether every association on a path from the root is to-one, so its columns are one value per root. */
        private boolean isToOnePath(List<String> path) {
            for (int i = 1; i <= path.size(); i++) {
                PlanNode n = byPath.get(String.join(".", path.subList(0, i)));
                if (n == null || n.isToMany()) {
                    return false;
                }
            }
            return true;
        }

        /** The root-ordering terms: root and to-one paths, then the root key as tie-breaker. */
        private List<SortField<?>> rootSortFields() {
            List<SortField<?>> out = new ArrayList<>();
            for (Order o : query.orderList()) {
                if (isToOnePath(o.column().path())) {
                    out.add(sortField(o));
                }
            }
            PlanNode root = nodes.get(0);
            for (Column<?> c : root.model().primaryKey()) {
                out.add(field(root, c).asc());
            }
            return out;
        }

        /**
         * The statement's order: root and to-one terms, the root key as tie-breaker when rows must come grouped by
         * root or pages must not overlap, then to-many terms, which order children within their parent.
         */
        List<SortField<?>> sortFields() {
            boolean toMany = nodes.stream().anyMatch(PlanNode::isToMany);
            boolean tieBreak = toMany || query.limit() != null || query.offset() != null || !query.orderList().isEmpty();
            List<SortField<?>> out = new ArrayList<>();
            if (tieBreak) {
                out.addAll(rootSortFields());
            } else {
                for (Order o : query.orderList()) {
                    out.add(sortField(o));
                }
            }
            for (Order o : query.orderList()) {
                if (!isToOnePath(o.column().path())) {
                    out.add(sortField(o));
                }
            }
            return out;
        }

        private SortField<Object> sortField(Order o) {
            Field<Object> f = resolve(o.column());
            SortField<Object> sf = o.direction() == Order.Direction.ASC ? f.asc() : f.desc();
            if (o.nulls() == Order.Nulls.FIRST) {
                sf = sf.nullsFirst();
            } else if (o.nulls() == Order.Nulls.LAST) {
                sf = sf.nullsLast();
            }
            return sf;
        }

        /** Adds a node and, depth first, its includes; returns the node with its children filled in. */
        private PlanNode addNode(int parent, List<String> path, Model model, @org.jspecify.annotations.Nullable Include include) {
            int index = nodes.size();
            String alias = "t" + index;
            List<Column<?>> columns = include == null ? query.attributes().select(model) : include.attributes().select(model);
            int[] keyOffsets = model.primaryKey().stream().mapToInt(columns::indexOf).toArray();
            int firstSlot = select.size() + 1;
            for (Column<?> c : columns) {
                select.add(DSL.field(DSL.name(alias, c.field()), JooqTypes.of(c.type())));
            }
            nodes.add(null);
            List<Integer> children = new ArrayList<>();
            PlanNode placeholder = new PlanNode(index, parent, alias, path, model, include,
                    include == null ? JoinKind.INNER : include.joinKind(), columns, firstSlot, keyOffsets, children);
            nodes.set(index, placeholder);
            byPath.put(String.join(".", path), placeholder);
            for (Include child : include == null ? query.includeList() : include.includeList()) {
                List<String> childPath = new ArrayList<>(path);
                childPath.add(child.alias());
                children.add(nodes.size());
                addNode(index, List.copyOf(childPath), child.model(), child);
            }
            PlanNode done = new PlanNode(index, parent, alias, path, model, include, placeholder.join(), columns, firstSlot,
                    keyOffsets, List.copyOf(children));
            nodes.set(index, done);
            byPath.put(String.join(".", path), done);
            return done;
        }

        private Table<?> table(PlanNode n) {
            return DSL.table(DSL.name(n.model().tableName())).as(DSL.name(n.alias()));
        }

        @SuppressWarnings("unchecked")
        Field<Object> field(PlanNode n, Column<?> c) {
            return (Field<Object>) DSL.field(DSL.name(n.alias(), c.field()), JooqTypes.of(c.type()));
        }

        @SuppressWarnings("unchecked")
        private Field<Object> field(Name table, Column<?> c) {
            return (Field<Object>) DSL.field(table.append(c.field()), JooqTypes.of(c.type()));
        }

        /** Joins child {@code c} (and its subtree) to {@code left}, nesting where the semantics need it. */
        private Table<?> attach(Table<?> left, PlanNode c) {
            Include inc = c.include();
            Association a = inc.association();
            PlanNode parent = nodes.get(c.parent());
            boolean btm = a.kind() == Association.Kind.BELONGS_TO_MANY;
            boolean nest = c.join() != JoinKind.INNER && (btm || (!c.children().isEmpty() && (c.join() == JoinKind.RIGHT || subtreeFilters(c))));
            org.jooq.Condition own = ownCondition(c);
            if (btm) {
                Name j = DSL.name("j" + (++junctions));
                Model through = a.through();
                Table<?> junction = DSL.table(DSL.name(through.tableName())).as(j);
                org.jooq.Condition toParent = field(j, through.column(a.foreignKey())).eq(field(parent, a.source().column(a.referencedKey())));
                org.jooq.Condition toTarget = field(j, through.column(a.otherKey())).eq(field(c, a.target().column(a.otherReferencedKey())));
                if (!nest) {
                    Table<?> t = left.join(junction, JoinType.JOIN).on(toParent).join(table(c), JoinType.JOIN).on(toTarget.and(own));
                    for (int g : c.children()) {
                        if (joined(nodes.get(g))) {
                            t = attach(t, nodes.get(g));
                        }
                    }
                    return t;
                }
                Table<?> inner = junction.join(table(c), JoinType.JOIN).on(toTarget.and(own));
                for (int g : c.children()) {
                    if (joined(nodes.get(g))) {
                        inner = attach(inner, nodes.get(g));
                    }
                }
                return left.join(inner, joinType(c.join())).on(toParent);
            }
            org.jooq.Condition on = link(parent, c, a).and(own);
            if (!nest) {
                Table<?> t = left.join(table(c), joinType(c.join())).on(on);
                for (int g : c.children()) {
                    if (joined(nodes.get(g))) {
                        t = attach(t, nodes.get(g));
                    }
                }
                return t;
            }
            Table<?> inner = table(c);
            for (int g : c.children()) {
                if (joined(nodes.get(g))) {
                    inner = attach(inner, nodes.get(g));
                }
            }
            return left.join(inner, joinType(c.join())).on(on);
        }

        /** Whether a join below {@code n} can remove rows (so it must stay inside n's optional join). */
        private boolean subtreeFilters(PlanNode n) {
            for (int g : n.children()) {
                PlanNode child = nodes.get(g);
                if (child.join() != JoinKind.LEFT || subtreeFilters(child)) {
                    return true;
                }
            }
            return false;
        }

        private org.jooq.Condition link(PlanNode parent, PlanNode child, Association a) {
            if (a.kind() == Association.Kind.BELONGS_TO) {
                return field(parent, a.source().column(a.foreignKey())).eq(field(child, a.target().column(a.referencedKey())));
            }
            return field(child, a.target().column(a.foreignKey())).eq(field(parent, a.source().column(a.referencedKey())));
        }

        /** The include's own where and its paranoid filter. */
        private org.jooq.Condition ownCondition(PlanNode c) {
            org.jooq.Condition own = DSL.noCondition();
            Include inc = c.include();
            if (inc.where() != null) {
                own = own.and(new Conditions(ref -> field(c, ref.column())).toJooq(inc.where()));
            }
            if (query.isParanoid() && c.model().options().isParanoid()) {
                own = own.and(field(c, c.model().column("deletedAt")).isNull());
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

        /** The field a top-level reference names: its path must be an include of this query. */
        Field<Object> resolve(ColumnRef<?> ref) {
            String key = String.join(".", ref.path());
            PlanNode n = byPath.get(key);
            if (n == null) {
                throw new QueryException(ref + " names the path '" + key + "', which is not included in " + query.root().name()
                        + "'s query; included paths: " + includedPaths() + ". Include it, or fix the path");
            }
            if (ref.column().model() != n.model()) {
                throw new QueryException(ref + ": " + ref.column() + " is not an attribute of " + (key.isEmpty() ? "the root " : "'" + key + "' ")
                        + n.model().name() + " (" + n.model().attributeNames() + ")"
                        + (key.isEmpty() ? "; reach an included model's column through its path, e.g. "
                        + ref.column().name() + " of " + ref.column().model().name() + " as column.at(\"alias\")" : ""));
            }
            return field(n, ref.column());
        }

        private String includedPaths() {
            List<String> paths = nodes.stream().filter(n -> n.index() > 0).map(PlanNode::pathText).collect(Collectors.toList());
            return paths.isEmpty() ? "(none)" : String.join(", ", paths);
        }
    }
}
