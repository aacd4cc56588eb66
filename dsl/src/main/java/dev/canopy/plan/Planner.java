package dev.canopy.plan;

import dev.canopy.dialect.Capability;
import dev.canopy.error.QueryException;
import dev.canopy.model.Association;
import dev.canopy.model.Column;
import dev.canopy.model.Model;
import dev.canopy.query.Attributes;
import dev.canopy.query.ColumnRef;
import dev.canopy.query.Condition;
import dev.canopy.query.Include;
import dev.canopy.query.JoinKind;
import dev.canopy.query.Order;
import dev.canopy.query.Query;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.JoinType;
import org.jooq.Name;
import org.jooq.Record;
import org.jooq.SQLDialect;
import org.jooq.SelectFieldOrAsterisk;
import org.jooq.SelectQuery;
import org.jooq.SortField;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.jspecify.annotations.Nullable;

/**
 * Turns a query into a plan. Aliases are generated ({@code t0} for the root, {@code t1}.. for joined includes in
 * pre-order, {@code j1}.. for belongsToMany junctions, {@code p} for the page, {@code e1}.. for EXISTS), so their
 * length does not depend on the depth of the tree.
 *
 * <p><b>Joins</b> follow Sequelize's semantics. A required include is an INNER JOIN, an optional one a LEFT OUTER
 * JOIN, a right one a RIGHT OUTER JOIN; an include's where and a paranoid model's {@code deletedAt IS NULL} go in its
 * ON clause. An optional include whose subtree holds a required (or right) join is nested,
 * {@code LEFT JOIN (b INNER JOIN c ON ..) ON ..}, so the required grandchild filters the optional child and never
 * drops the parent. A belongsToMany joins its junction and its target as one nested unit unless it is required.
 *
 * <p><b>No cartesian product by default.</b> One statement joins at most one chain of to-many edges. Of two to-many
 * siblings (or a to-many include beside a to-one include that leads to one), the first in declaration order is
 * joined and the others are loaded by separate queries, keyed by their parents' keys in {@code IN (...)} batches
 * (see {@link Fetch}). An include that a query-level where or order names is always joined. {@code separate()} and
 * {@code separate(false)} on an include override the choice; a per-parent {@code limit} implies separate. A required
 * separate include filters its parents with {@code EXISTS}.
 *
 * <p><b>A page is a prefix.</b> Limit and offset count roots, in SQL. When a to-many include is joined, a derived
 * table {@code p} first finds the page's root keys over the same joins and where (grouped by root key, ordered by
 * the root's and to-one paths' order terms with the root key as tie-breaker), and the statement joins the roots to
 * that page. So {@code limit n offset k} returns exactly roots k .. k+n-1 of the same query without a limit, each
 * with the same children. A separate include's per-parent limit pages the same way within each parent, with
 * {@code ROW_NUMBER() OVER (PARTITION BY parent key ...)}.
 *
 * <p><b>Order has two parts.</b> Terms on the root and on to-one paths order the roots; the root key follows as a
 * tie-breaker whenever a to-many include is joined or a limit, offset or order is given; then, for each joined
 * to-many node in pre-order, its own terms and its key, which order children within their parent. Joined and
 * separate loading therefore return the same graph in the same order.
 */
public final class Planner {
    /** Builds statement trees without a dialect; rendering chooses the dialect later. */
    private static final DSLContext NEUTRAL = DSL.using(SQLDialect.DEFAULT);

    private final boolean arrays;

    /** A planner that relies on no optional capability. */
    public Planner() {
        this(java.util.Set.of());
    }

    /**
     * A planner for a database with these capabilities; {@link Capability#ARRAY_BIND} binds long {@code isIn} lists
     * as one array, so they never cross the bind-parameter limit.
     */
    public Planner(java.util.Set<Capability> capabilities) {
        this.arrays = capabilities.contains(Capability.ARRAY_BIND);
    }

    /** Plans a query: one statement for the root and its joined includes, and a keyed plan per separate include. */
    public Plan plan(Query query) {
        return new Builder(Spec.of(query), arrays).build();
    }

    /** The statement that counts the distinct roots of a query, whatever its includes, limit and offset. */
    public org.jooq.Select<?> planCount(Query query) {
        Builder b = new Builder(Spec.of(query.unpaged()), arrays);
        Plan full = b.build();
        PlanNode root = full.root();
        List<Column<?>> keyColumns = root.model().primaryKey().isEmpty() ? root.model().columns() : root.model().primaryKey();
        List<Field<Object>> keys = new ArrayList<>();
        for (Column<?> c : keyColumns) {
            keys.add(b.field(root, c));
        }
        SelectQuery<Record> inner = NEUTRAL.selectQuery();
        inner.addSelect(keys);
        inner.addFrom(b.prunedFrom());
        if (b.where != null) {
            inner.addConditions(b.where);
        }
        inner.setDistinct(true);
        return DSL.selectCount().from(inner.asTable("c"));
    }

    /** What one statement is made of: a query, or a separate include loaded under its parents. */
    private record Spec(Model root, Attributes attributes, io.vavr.collection.List<Include> includes, @Nullable Condition where,
                        io.vavr.collection.List<Order> order, @Nullable Integer limit, @Nullable Integer offset,
                        boolean paranoid, @Nullable Include via) {
        static Spec of(Query q) {
            return new Spec(q.root(), q.attributes(), q.includeList(), q.where(), q.orderList(), q.limit(), q.offset(), q.isParanoid(), null);
        }

        static Spec separate(Include inc, boolean paranoid) {
            return new Spec(inc.model(), inc.attributes(), inc.includeList(), inc.where(), inc.orderList(), inc.limit(), null, paranoid, inc);
        }

        String describe() {
            return via == null ? root.name() + "'s query" : "the separate include '" + via.alias() + "'";
        }
    }

    /** Everything one planning pass needs; thrown away afterwards. */
    private static final class Builder {
        private final Spec spec;
        private final List<PlanNode> nodes = new ArrayList<>();
        private final Map<String, PlanNode> byPath = new HashMap<>();
        private final List<SelectFieldOrAsterisk> select = new ArrayList<>();
        private final List<Fetch> fetches = new ArrayList<>();
        private final Map<Integer, List<org.jooq.Condition>> exists = new HashMap<>();
        private final Set<String> referenced = new HashSet<>();
        private int junctions;
        private int existsCount;
        private boolean pruning;
        private Table<?> from = DSL.table(DSL.name("x"));
        private org.jooq.@Nullable Condition where;
        /** Keyed plans: the junction alias of a belongsToMany root, and the parent-key field. */
        private @Nullable Name rootJunction;
        private @Nullable Field<Object> partition;

        private final boolean arrays;

        Builder(Spec spec, boolean arrays) {
            this.spec = spec;
            this.arrays = arrays;
            if (spec.where() != null) {
                spec.where().forEachColumn(ref -> referenced.add(String.join(".", ref.path())));
            }
            for (Order o : spec.order()) {
                referenced.add(String.join(".", o.column().path()));
            }
        }

        Plan build() {
            if (spec.via() != null) {
                preparePartition(spec.via());
            }
            addNode(-1, List.of(), spec.root(), spec.via(), true);
            PlanNode root = nodes.get(0);
            from = joinTree(rootTable());
            List<org.jooq.Condition> conds = new ArrayList<>();
            if (spec.where() != null) {
                conds.add(new Conditions(this::resolve, arrays).toJooq(spec.where()));
            }
            if (spec.paranoid() && root.model().options().isParanoid()) {
                conds.add(field(root, root.model().column("deletedAt")).isNull());
            }
            conds.addAll(exists.getOrDefault(0, List.of()));
            where = conds.isEmpty() ? null : DSL.and(conds);
            if (spec.via() == null) {
                return new Plan(statement(null), null, null, nodes, fetches);
            }
            Association a = spec.via().association();
            Column<?> parentKey = a.source().column(a.referencedKey());
            return new Plan(null, this::statement, parentKey, nodes, fetches);
        }

        /** The statement; for a keyed plan, restricted to the given parent keys. */
        private org.jooq.Select<?> statement(@Nullable List<Object> parentKeys) {
            PlanNode root = nodes.get(0);
            org.jooq.Condition keyed = parentKeys == null ? DSL.noCondition() : partition.in(parentKeys);
            SelectQuery<Record> s = NEUTRAL.selectQuery();
            s.addSelect(select);
            boolean paged = spec.limit() != null || spec.offset() != null;
            boolean toMany = nodes.stream().anyMatch(PlanNode::isToMany);
            if (paged && (toMany || partition != null) && !root.model().primaryKey().isEmpty()) {
                s.addFrom(joinTree(pageJoin(root, keyed)));
            } else {
                s.addFrom(from);
                if (paged) {
                    limit(s);
                }
            }
            if (where != null) {
                s.addConditions(where);
            }
            s.addConditions(keyed);
            s.addOrderBy(sortFields());
            return s;
        }

        private void limit(SelectQuery<Record> s) {
            if (spec.limit() != null && spec.offset() != null) {
                s.addLimit(spec.offset(), spec.limit());
            } else if (spec.limit() != null) {
                s.addLimit(spec.limit());
            } else if (spec.offset() != null) {
                s.addOffset(spec.offset());
            }
        }

        // ---- keyed plans of separate includes ---------------------------------------------------------------

        /** A keyed plan selects its rows' parent key first: the child's foreign key, or the junction's. */
        private void preparePartition(Include via) {
            Association a = via.association();
            if (a.kind() == Association.Kind.BELONGS_TO_MANY) {
                rootJunction = DSL.name("j0");
                partition = field(rootJunction, a.through().column(a.foreignKey()));
            } else {
                partition = field(DSL.name("t0"), a.target().column(a.foreignKey()));
            }
            select.add(partition);
        }

        /** The root's table, joined to its junction for a belongsToMany loaded separately. */
        private Table<?> rootTable() {
            PlanNode root = nodes.get(0);
            if (rootJunction == null) {
                return table(root);
            }
            Association a = spec.via().association();
            Table<?> junction = DSL.table(DSL.name(a.through().tableName())).as(rootJunction);
            return table(root).join(junction).on(field(rootJunction, a.through().column(a.otherKey()))
                    .eq(field(root, a.target().column(a.otherReferencedKey()))));
        }

        // ---- nodes and strategies -----------------------------------------------------------------------------

        /**
         * Adds a node and, depth first, its joined includes; records its separate includes as fetches. Returns
         * whether the node's joined subtree holds a to-many edge (the one chain a statement may join).
         */
        private boolean addNode(int parent, List<String> path, Model model, @Nullable Include include, boolean allowToMany) {
            int index = nodes.size();
            String alias = "t" + index;
            Attributes attributes = parent < 0 ? spec.attributes() : include.attributes();
            List<Column<?>> shown = List.copyOf(attributes.select(model));
            List<Column<?>> columns = new ArrayList<>(shown);
            io.vavr.collection.List<Include> includes = parent < 0 ? spec.includes() : include.includeList();
            for (Include child : includes) {
                Association a = child.association();
                Column<?> key = a.kind() == Association.Kind.BELONGS_TO ? a.source().column(a.foreignKey()) : a.source().column(a.referencedKey());
                if (!columns.contains(key)) {
                    columns.add(key);
                }
            }
            columns.sort(java.util.Comparator.comparingInt(Column::index));
            int[] keyOffsets = model.primaryKey().stream().mapToInt(columns::indexOf).toArray();
            int firstSlot = select.size() + 1;
            for (Column<?> c : columns) {
                select.add(DSL.field(DSL.name(alias, c.field()), JooqTypes.of(c.type())));
            }
            nodes.add(null);
            byPath.put(String.join(".", path), placeholder(index, parent, alias, path, model, include, columns, firstSlot, keyOffsets, shown));
            List<Integer> children = new ArrayList<>();
            List<PlanNode.Link> links = new ArrayList<>();
            boolean used = false;
            for (Include child : includes) {
                List<String> childPath = new ArrayList<>(path);
                childPath.add(child.alias());
                boolean toMany = child.association().isToMany();
                boolean named = isReferenced(String.join(".", childPath));
                boolean separate = toMany && (child.separateOption() != null ? child.separateOption() : !named && (!allowToMany || used));
                if (separate && named) {
                    throw new QueryException("'" + String.join(".", childPath) + "' is loaded by a separate query, so the where or order of "
                            + spec.describe() + " cannot name it; join it with separate(false), or filter it in its own where");
                }
                if (separate) {
                    links.add(new PlanNode.Link(child.alias(), true, -1, fetches.size()));
                    Association a = child.association();
                    fetches.add(new Fetch(index, links.size() - 1, a.source().column(a.referencedKey()),
                            new Builder(Spec.separate(child, spec.paranoid()), arrays).build()));
                    if (child.isRequired()) {
                        exists.computeIfAbsent(index, k -> new ArrayList<>()).add(existsFor(DSL.name(alias), child));
                    }
                } else {
                    links.add(new PlanNode.Link(child.alias(), toMany, nodes.size(), -1));
                    children.add(nodes.size());
                    boolean sub = addNode(index, List.copyOf(childPath), child.model(), child, toMany || (allowToMany && !used));
                    used |= toMany || sub;
                }
            }
            PlanNode done = new PlanNode(index, parent, alias, path, model, include,
                    include == null || parent < 0 ? JoinKind.INNER : include.joinKind(), List.copyOf(columns), firstSlot,
                    keyOffsets, List.copyOf(children), List.copyOf(links), shown);
            nodes.set(index, done);
            byPath.put(String.join(".", path), done);
            return used;
        }

        private static PlanNode placeholder(int index, int parent, String alias, List<String> path, Model model,
                                            @Nullable Include include, List<Column<?>> columns, int firstSlot, int[] keyOffsets,
                                            List<Column<?>> shown) {
            return new PlanNode(index, parent, alias, path, model, include,
                    include == null || parent < 0 ? JoinKind.INNER : include.joinKind(), List.copyOf(columns), firstSlot,
                    keyOffsets, List.of(), List.of(), shown);
        }

        /**
         * {@code EXISTS (SELECT 1 FROM child WHERE child.fk = parent.key AND child's where AND ...)} for a required
         * separate include, with one nested EXISTS per required include below it, so the parent is kept exactly when
         * the joined required chain would have kept it.
         */
        private org.jooq.Condition existsFor(Name parentAlias, Include child) {
            Association a = child.association();
            Name e = DSL.name("e" + (++existsCount));
            Model target = a.target();
            SelectQuery<Record> sub = NEUTRAL.selectQuery();
            sub.addSelect(DSL.inline(1));
            Table<?> t = DSL.table(DSL.name(target.tableName())).as(e);
            switch (a.kind()) {
                case BELONGS_TO_MANY: {
                    Name j = DSL.name(e.first() + "j");
                    Table<?> junction = DSL.table(DSL.name(a.through().tableName())).as(j);
                    sub.addFrom(junction.join(t).on(field(j, a.through().column(a.otherKey())).eq(field(e, target.column(a.otherReferencedKey())))));
                    sub.addConditions(field(j, a.through().column(a.foreignKey())).eq(field(parentAlias, a.source().column(a.referencedKey()))));
                    break;
                }
                case BELONGS_TO:
                    sub.addFrom(t);
                    sub.addConditions(field(e, target.column(a.referencedKey())).eq(field(parentAlias, a.source().column(a.foreignKey()))));
                    break;
                default:
                    sub.addFrom(t);
                    sub.addConditions(field(e, target.column(a.foreignKey())).eq(field(parentAlias, a.source().column(a.referencedKey()))));
                    break;
            }
            if (child.where() != null) {
                sub.addConditions(new Conditions(ref -> field(e, ref.column()), arrays).toJooq(child.where()));
            }
            if (spec.paranoid() && target.options().isParanoid()) {
                sub.addConditions(field(e, target.column("deletedAt")).isNull());
            }
            for (Include grandchild : child.includeList()) {
                if (grandchild.isRequired()) {
                    sub.addConditions(existsFor(e, grandchild));
                }
            }
            return DSL.exists(sub);
        }

        private boolean isReferenced(String path) {
            for (String r : referenced) {
                if (r.equals(path) || r.startsWith(path + ".")) {
                    return true;
                }
            }
            return false;
        }

        // ---- joins --------------------------------------------------------------------------------------------

        /** The join tree without the optional subtrees that cannot change which roots qualify. */
        Table<?> prunedFrom() {
            pruning = true;
            try {
                return joinTree(rootTable());
            } finally {
                pruning = false;
            }
        }

        /** The whole join tree, starting from {@code base} in place of the bare root table. */
        private Table<?> joinTree(Table<?> base) {
            return attachChildren(base, nodes.get(0));
        }

        private Table<?> attachChildren(Table<?> left, PlanNode n) {
            Table<?> t = left;
            for (int g : n.children()) {
                if (joined(nodes.get(g))) {
                    t = attach(t, nodes.get(g));
                }
            }
            return t;
        }

        /**
         * Whether a node is joined in the statement being built. A page of root keys and a count leave out optional
         * subtrees that no where or order term names: a LEFT JOIN there cannot change which roots qualify.
         */
        private boolean joined(PlanNode n) {
            return !pruning || n.join() != JoinKind.LEFT || isReferenced(n.pathText());
        }

        /** Joins child {@code c} (and its subtree) to {@code left}, nesting where the semantics need it. */
        private Table<?> attach(Table<?> left, PlanNode c) {
            Association a = c.include().association();
            PlanNode parent = nodes.get(c.parent());
            boolean btm = a.kind() == Association.Kind.BELONGS_TO_MANY;
            // an optional belongsToMany whose subtree removes no rows joins flat (left join junction, left join target):
            // the same graph as the nested form, which SQLite builds in full before joining it
            boolean nest = c.join() != JoinKind.INNER && (btm || !c.children().isEmpty()) && (c.join() == JoinKind.RIGHT || subtreeFilters(c));
            org.jooq.Condition own = ownCondition(c);
            if (btm) {
                Name j = DSL.name("j" + (++junctions));
                Model through = a.through();
                Table<?> junction = DSL.table(DSL.name(through.tableName())).as(j);
                org.jooq.Condition toParent = field(j, through.column(a.foreignKey())).eq(field(parent, a.source().column(a.referencedKey())));
                org.jooq.Condition toTarget = field(j, through.column(a.otherKey())).eq(field(c, a.target().column(a.otherReferencedKey())));
                if (!nest) {
                    return attachChildren(left.join(junction, joinType(c.join())).on(toParent).join(table(c), joinType(c.join())).on(toTarget.and(own)), c);
                }
                Table<?> inner = attachChildren(junction.join(table(c), JoinType.JOIN).on(toTarget.and(own)), c);
                return left.join(inner, joinType(c.join())).on(toParent);
            }
            org.jooq.Condition on = link(parent, c, a).and(own);
            if (!nest) {
                return attachChildren(left.join(table(c), joinType(c.join())).on(on), c);
            }
            return left.join(attachChildren(table(c), c), joinType(c.join())).on(on);
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

        /** The include's own where, its paranoid filter, and the EXISTS of its required separate includes. */
        private org.jooq.Condition ownCondition(PlanNode c) {
            org.jooq.Condition own = DSL.noCondition();
            Include inc = c.include();
            if (inc.where() != null) {
                own = own.and(new Conditions(ref -> field(c, ref.column()), arrays).toJooq(inc.where()));
            }
            if (spec.paranoid() && c.model().options().isParanoid()) {
                own = own.and(field(c, c.model().column("deletedAt")).isNull());
            }
            for (org.jooq.Condition e : exists.getOrDefault(c.index(), List.of())) {
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

        private Table<?> table(PlanNode n) {
            return DSL.table(DSL.name(n.model().tableName())).as(DSL.name(n.alias()));
        }

        Field<Object> field(PlanNode n, Column<?> c) {
            return field(DSL.name(n.alias()), c);
        }

        @SuppressWarnings("unchecked")
        private static Field<Object> field(Name table, Column<?> c) {
            return (Field<Object>) DSL.field(table.append(c.field()), JooqTypes.of(c.type()));
        }

        // ---- paging and order -----------------------------------------------------------------------------------

        /**
         * The root table joined to the page of root keys: {@code t0 JOIN (SELECT keys FROM <joins> WHERE <where>
         * GROUP BY keys, root order terms ORDER BY root order terms, keys LIMIT ..) p ON t0.key = p.key}. For a keyed
         * plan, the page is numbered per parent key with ROW_NUMBER() and cut at the per-parent limit.
         */
        private Table<?> pageJoin(PlanNode root, org.jooq.Condition keyed) {
            List<Field<Object>> keys = new ArrayList<>();
            for (Column<?> c : root.model().primaryKey()) {
                keys.add(field(root, c));
            }
            if (partition != null) {
                keys.add(0, partition);
            }
            SelectQuery<Record> page = NEUTRAL.selectQuery();
            List<Field<?>> pageFields = new ArrayList<>();
            for (int i = 0; i < keys.size(); i++) {
                pageFields.add(keys.get(i).as(DSL.name("k" + i)));
            }
            page.addFrom(prunedFrom());
            if (where != null) {
                page.addConditions(where);
            }
            page.addConditions(keyed);
            List<Field<?>> groupBy = new ArrayList<>(keys);
            for (Order o : spec.order()) {
                if (isToOnePath(o.column().path())) {
                    Field<Object> f = resolve(o.column());
                    if (!groupBy.contains(f)) {
                        groupBy.add(f);
                    }
                }
            }
            page.addGroupBy(groupBy);
            org.jooq.Condition on = DSL.noCondition();
            for (int i = 0; i < keys.size(); i++) {
                on = on.and(keys.get(i).eq(DSL.field(DSL.name("p", "k" + i))));
            }
            if (partition == null) {
                page.addSelect(pageFields);
                page.addOrderBy(rootSortFields());
                limit(page);
                return rootTable().join(page.asTable(DSL.name("p"))).on(on);
            }
            pageFields.add(DSL.rowNumber().over(DSL.partitionBy(partition).orderBy(rootSortFields())).as(DSL.name("rn")));
            page.addSelect(pageFields);
            Field<Integer> rn = DSL.field(DSL.name("p", "rn"), Integer.class);
            int first = spec.offset() == null ? 0 : spec.offset();
            org.jooq.Condition window = rn.gt(DSL.inline(first));
            if (spec.limit() != null) {
                window = window.and(rn.le(DSL.inline(first + spec.limit())));
            }
            return rootTable().join(page.asTable(DSL.name("p"))).on(on.and(window));
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

        /** The nearest joined to-many node on a path (the node whose children a term orders), or null. */
        private @Nullable PlanNode owner(List<String> path) {
            PlanNode owner = null;
            for (int i = 1; i <= path.size(); i++) {
                PlanNode n = byPath.get(String.join(".", path.subList(0, i)));
                if (n != null && n.isToMany()) {
                    owner = n;
                }
            }
            return owner;
        }

        /** The root-ordering terms: root and to-one paths, then the root key as tie-breaker. */
        private List<SortField<?>> rootSortFields() {
            List<SortField<?>> out = new ArrayList<>();
            for (Order o : spec.order()) {
                if (isToOnePath(o.column().path())) {
                    out.add(sortField(o));
                }
            }
            PlanNode root = nodes.get(0);
            for (Column<?> c : root.model().primaryKey()) {
                if (!orderedBy(List.of(), c)) {
                    out.add(field(root, c).asc());
                }
            }
            return out;
        }

        /** Whether the order array already has a term on this column of the node at {@code path}. */
        private boolean orderedBy(List<String> path, Column<?> c) {
            for (Order o : spec.order()) {
                if (o.column().column().equals(c) && o.column().path().equals(path)) {
                    return true;
                }
            }
            return false;
        }

        /**
         * The statement's order: root and to-one terms, the root key when rows must come grouped by root or pages
         * must not overlap, then for each joined to-many node its own terms and its key.
         */
        List<SortField<?>> sortFields() {
            boolean toMany = nodes.stream().anyMatch(PlanNode::isToMany);
            boolean tieBreak = toMany || spec.limit() != null || spec.offset() != null || !spec.order().isEmpty() || partition != null;
            List<SortField<?>> out = new ArrayList<>();
            if (tieBreak) {
                out.addAll(rootSortFields());
            } else {
                for (Order o : spec.order()) {
                    out.add(sortField(o));
                }
            }
            for (PlanNode n : nodes) {
                if (!n.isToMany()) {
                    continue;
                }
                for (Order o : spec.order()) {
                    if (owner(o.column().path()) == n) {
                        out.add(sortField(o));
                    }
                }
                for (Order o : n.include().orderList()) {
                    io.vavr.collection.List<String> path = io.vavr.collection.List.ofAll(n.path()).appendAll(o.column().pathList());
                    out.add(sortField(new Order(ColumnRef.of(path, o.column().column()), o.direction(), o.nulls())));
                }
                for (int off : n.keyOffsets()) {
                    Column<?> key = n.columns().get(off);
                    if (!orderedBy(n.path(), key) && n.include().orderList().forAll(o -> !o.column().pathList().isEmpty() || !o.column().column().equals(key))) {
                        out.add(field(n, key).asc());
                    }
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

        /** The field a statement-level reference names: its path must be joined in this statement. */
        Field<Object> resolve(ColumnRef<?> ref) {
            String key = String.join(".", ref.path());
            PlanNode n = byPath.get(key);
            if (n == null) {
                throw new QueryException(ref + " names the path '" + key + "', which is not included in " + spec.describe()
                        + "; included paths: " + includedPaths() + ". Include it, or fix the path");
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
            List<String> paths = nodes.stream().filter(n -> n != null && n.index() > 0).map(PlanNode::pathText).collect(Collectors.toList());
            return paths.isEmpty() ? "(none)" : String.join(", ", paths);
        }
    }
}
