package dev.canopy.plan;

import dev.canopy.error.QueryException;
import dev.canopy.model.Association;
import dev.canopy.model.DataType;
import dev.canopy.query.Computed;
import dev.canopy.query.Expr;
import dev.canopy.model.Column;
import dev.canopy.model.Model;
import dev.canopy.query.Attributes;
import dev.canopy.query.Include;
import dev.canopy.query.JoinKind;
import dev.canopy.query.Order;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jooq.Field;
import org.jooq.Name;
import org.jooq.SelectFieldOrAsterisk;
import org.jooq.impl.DSL;
import org.jspecify.annotations.Nullable;

/**
 * Decides the layout of one statement, once: walks the include tree depth first, gives each joined node its alias
 * ({@code t0} for the root, {@code t1}.. in pre-order) and slots, chooses for each to-many include whether it is
 * joined or loaded separately, and plans the separate ones. Used for one planning pass and thrown away; what it
 * makes ({@link Layout}) never changes afterwards.
 *
 * <p><b>No cartesian product by default.</b> One statement joins at most one chain of to-many edges. Of two to-many
 * siblings (or a to-many include beside a to-one include that leads to one), the first in declaration order is
 * joined and the others are loaded by separate queries. An include that a query-level where or order names is
 * always joined. {@code separate()} and {@code separate(false)} override the choice; a per-parent limit implies
 * separate. A required separate include filters its parents with {@code EXISTS} ({@link ExistsClause}).
 */
final class LayoutBuilder {
    private final Spec spec;
    private final boolean arrays;
    private final List<PlanNode> nodes = new ArrayList<>();
    private final Map<String, PlanNode> byPath = new HashMap<>();
    private final List<SelectFieldOrAsterisk> select = new ArrayList<>();
    private final List<Fetch> fetches = new ArrayList<>();
    private final Map<Integer, List<org.jooq.Condition>> exists = new HashMap<>();
    private final Set<String> referenced = new HashSet<>();
    private final ExistsClause existsClause;
    private int junctions;
    private @Nullable Field<Object> partition;
    private @Nullable Name junction;

    LayoutBuilder(Spec spec, boolean arrays) {
        this.spec = spec;
        this.arrays = arrays;
        this.existsClause = new ExistsClause(spec, arrays);
        if (spec.where() != null) {
            if (spec.where().hasAggregate()) {
                throw new QueryException("where " + spec.where() + " compares an aggregate; aggregates filter in having(...), "
                        + "as in SQL and Sequelize");
            }
            spec.where().forEachColumn(ref -> referenced.add(String.join(".", ref.path())));
        }
        for (Order o : spec.order()) {
            if (!o.isExpr()) {
                referenced.add(String.join(".", o.column().path()));
            } else if (spec.grouped() || !o.expr().isAggregate()) {
                reference(o.expr());
            }
        }
        for (Computed<?> c : spec.computed()) {
            if (spec.grouped() || !c.expr().isAggregate()) {
                reference(c.expr());
            }
        }
        spec.group().forEach(this::reference);
        if (spec.grouped() && spec.having() != null) {
            spec.having().forEachColumn(ref -> referenced.add(String.join(".", ref.path())));
        }
    }

    /** The paths an expression computed in this statement names must be joined in it. */
    private void reference(Expr<?> e) {
        e.forEachLeaf(leaf -> {
            if (leaf instanceof Expr.Col) {
                referenced.add(String.join(".", ((Expr.Col<?>) leaf).ref().path()));
            }
        });
    }

    Layout build() {
        if (spec.via() != null) {
            preparePartition(spec.via());
        }
        addNode(-1, List.of(), spec.root(), spec.via(), true);
        if (spec.grouped()) {
            for (int i = 0; i < nodes.size(); i++) {
                nodes.set(i, nodes.get(i).withoutLinks());
            }
            byPath.replaceAll((k, n) -> nodes.get(n.index()));
        }
        Map<Integer, List<org.jooq.Condition>> frozenExists = new HashMap<>();
        exists.forEach((k, v) -> frozenExists.put(k, List.copyOf(v)));
        Map<String, Field<?>> computed = new LinkedHashMap<>();
        Map<String, DataType<?>> types = new LinkedHashMap<>();
        Map<Expr<?>, Field<?>> aggregates = new HashMap<>();
        AggregateTable.Joined table = computed(computed, types, aggregates);
        // made once, like every condition of the plan: its bind parameters are recorded with their slots
        org.jooq.Condition junctionWhere = junction == null || spec.via() == null ? DSL.noCondition()
                : JoinTree.throughWhere(spec, spec.via(), junction, arrays, spec.path());
        return new Layout(spec, List.copyOf(nodes), Collections.unmodifiableMap(new LinkedHashMap<>(byPath)), List.copyOf(select),
                List.copyOf(fetches), Collections.unmodifiableMap(frozenExists), Set.copyOf(referenced), partition, junction, arrays,
                Collections.unmodifiableMap(computed), Collections.unmodifiableMap(types), Collections.unmodifiableMap(aggregates), table,
                junctionWhere);
    }

    /**
     * The root's computed attributes: their fields (aggregates of a query that is not grouped go to the aggregate
     * table, with the aggregates having and order name), appended to the select list, and the root node's slots.
     */
    private AggregateTable.@Nullable Joined computed(Map<String, Field<?>> computed, Map<String, DataType<?>> types,
                                                     Map<Expr<?>, Field<?>> aggregates) {
        PlanNode root = nodes.get(0);
        Layout draft = new Layout(spec, List.copyOf(nodes), byPath, List.copyOf(select), List.copyOf(fetches), Map.of(), Set.copyOf(referenced),
                partition, junction, arrays, computed, types, aggregates, null, DSL.noCondition());
        Expressions exprs = draft.expressions();
        AggregateTable table = new AggregateTable(spec, arrays);
        boolean perRoot = !spec.grouped();
        for (Computed<?> c : spec.computed()) {
            if (root.model().findColumn(c.name()) != null) {
                throw new QueryException("the computed attribute '" + c.name() + "' has the name of an attribute of " + root.model().name()
                        + "; give it another alias");
            }
            types.put(c.name(), exprs.type(c.expr()));
            if (perRoot && c.expr().isAggregate()) {
                Field<?> f = table.add(c.name(), c.expr());
                aggregates.put(c.expr(), f);
                computed.put(c.name(), f);
            } else {
                if (perRoot) {
                    checkToOne(draft, c.expr(), "the computed attribute '" + c.name() + "'");
                }
                computed.put(c.name(), exprs.field(c.expr()));
            }
        }
        if (perRoot) {
            List<Expr<?>> hidden = new ArrayList<>();
            spec.order().stream().filter(o -> o.isExpr() && o.expr().isAggregate()).forEach(o -> hidden.add(o.expr()));
            if (spec.having() != null) {
                collectAggregates(spec.having(), hidden);
            }
            for (Expr<?> e : hidden) {
                if (!aggregates.containsKey(e)) {
                    aggregates.put(e, table.add("h" + aggregates.size(), e));
                }
            }
        }
        List<PlanNode.ComputedSlot> slots = new ArrayList<>();
        for (Computed<?> c : spec.computed()) {
            Field<?> f = computed.get(c.name());
            select.add(aggregates.containsKey(c.expr()) && perRoot ? f : f.as(DSL.name(c.name())));
            boolean counts = c.expr() instanceof Expr.Call && ((Expr.Call<?>) c.expr()).function() == dev.canopy.query.SqlFunction.COUNT;
            slots.add(new PlanNode.ComputedSlot(c.name(), types.get(c.name()), select.size(), !counts));
        }
        List<PlanNode.ComputedSlot> all = new ArrayList<>(root.computed());
        all.addAll(slots);
        nodes.set(0, root.withComputed(all));
        byPath.put("", nodes.get(0));
        return table.isEmpty() ? null : table.freeze();
    }

    private static void collectAggregates(dev.canopy.query.Condition c, List<Expr<?>> out) {
        if (c instanceof dev.canopy.query.Condition.ExprCompare && ((dev.canopy.query.Condition.ExprCompare) c).expr().isAggregate()) {
            out.add(((dev.canopy.query.Condition.ExprCompare) c).expr());
        } else if (c instanceof dev.canopy.query.Condition.Junction) {
            ((dev.canopy.query.Condition.Junction) c).parts().forEach(p -> collectAggregates(p, out));
        } else if (c instanceof dev.canopy.query.Condition.Not) {
            collectAggregates(((dev.canopy.query.Condition.Not) c).condition(), out);
        }
    }

    /** A value computed per root reads the root and to-one paths only; a to-many path needs an aggregate. */
    static void checkToOne(Layout layout, Expr<?> e, String what) {
        e.forEachLeaf(leaf -> {
            if (leaf instanceof Expr.Col) {
                List<String> path = ((Expr.Col<?>) leaf).ref().path();
                if (!path.isEmpty() && !layout.isToOnePath(path)) {
                    throw new QueryException(what + " reads " + leaf + " through the to-many path '" + String.join(".", path)
                            + "', which has many values per root; aggregate it (count, sum, min, max, ...) or read it in the include");
                }
            }
        });
    }

    /** A keyed plan selects its rows' parent key first: the child's foreign key, or the junction's. */
    private void preparePartition(Include via) {
        Association a = via.association();
        Association.Keys k = a.keys();
        if (a.kind() == Association.Kind.BELONGS_TO_MANY) {
            junction = DSL.name("j0");
            partition = Fields.of(junction, k.throughSource());
        } else {
            partition = Fields.of("t0", k.target());
        }
        select.add(partition);
    }

    /**
     * Adds a node and, depth first, its joined includes; records its separate includes as fetches. Returns whether
     * the node's joined subtree holds a to-many edge (the one chain a statement may join).
     */
    private boolean addNode(int parent, List<String> path, Model model, @Nullable Include include, boolean allowToMany) {
        int index = nodes.size();
        String alias = "t" + index;
        Attributes attributes = parent < 0 ? spec.attributes() : include.attributes();
        boolean grouped = spec.grouped();
        // A grouped report reads the grouped root columns it lists, and nothing of its includes (they only join).
        List<Column<?>> shown = grouped ? (parent < 0 ? groupedColumns(attributes) : List.of()) : List.copyOf(attributes.select(model));
        List<Column<?>> columns = new ArrayList<>(shown);
        List<Include> includes = parent < 0 ? spec.includes() : include.includes();
        for (Include child : includes) {
            Column<?> key = child.association().keys().source();
            if (!grouped && !columns.contains(key)) {
                columns.add(key);
            }
        }
        columns.sort(Comparator.comparingInt(Column::index));
        int[] keyOffsets = grouped ? new int[0] : model.primaryKey().stream().mapToInt(columns::indexOf).toArray();
        int firstSlot = select.size() + 1;
        for (Column<?> c : columns) {
            select.add(Fields.of(alias, c));
        }
        String junctionAlias = parent >= 0 && include.association().kind() == Association.Kind.BELONGS_TO_MANY ? "j" + (++junctions) : null;
        List<PlanNode.ComputedSlot> throughSlots = new ArrayList<>();
        Name junctionName = junctionAlias != null ? DSL.name(junctionAlias) : parent < 0 && include != null ? junction : null;
        if (include != null && include.throughOption() != null && junctionName != null && !grouped) {
            // the junction's own columns, read per link: they come back on the child under the junction model's name
            Model through = include.association().through();
            for (Column<?> c : include.throughOption().attributes()) {
                select.add(Fields.of(junctionName, c));
                throughSlots.add(new PlanNode.ComputedSlot(through.name() + "." + c.name(), c.type(), select.size(), c.allowNull()));
            }
        }
        JoinKind join = include == null || parent < 0 ? JoinKind.INNER : include.joinKind();
        nodes.add(null);
        byPath.put(String.join(".", path), new PlanNode(index, parent, alias, junctionAlias, path, model, include, join,
                List.copyOf(columns), firstSlot, keyOffsets, List.of(), List.of(), shown, List.of()));
        List<Integer> children = new ArrayList<>();
        List<PlanNode.Link> links = new ArrayList<>();
        boolean used = false;
        for (Include child : includes) {
            List<String> childPath = new ArrayList<>(path);
            childPath.add(child.alias());
            boolean toMany = child.association().isToMany();
            boolean named = isReferenced(String.join(".", childPath));
            boolean separate = !grouped && toMany && (child.separateOption() != null ? child.separateOption() : !named && (!allowToMany || used));
            if (separate && named) {
                throw new QueryException("'" + String.join(".", childPath) + "' is loaded by a separate query, so the where or order of "
                        + spec.describe() + " cannot name it; join it with separate(false), or filter it in its own where");
            }
            if (separate) {
                links.add(new PlanNode.Link(child.alias(), true, -1, fetches.size()));
                String childAt = spec.pathOf(childPath);
                fetches.add(new Fetch(index, links.size() - 1, child.association().keys().source(),
                        Planner.layoutPlan(Spec.separate(child, spec.paranoid(), childAt, spec.slots()), arrays,
                                spec.slots() == null ? new BindSlots() : spec.slots().binds())));
                if (child.isRequired()) {
                    exists.computeIfAbsent(index, k -> new ArrayList<>()).add(existsClause.of(DSL.name(alias), child, childAt));
                }
            } else {
                links.add(new PlanNode.Link(child.alias(), toMany, nodes.size(), -1));
                children.add(nodes.size());
                boolean sub = addNode(index, List.copyOf(childPath), child.model(), child, toMany || (allowToMany && !used));
                used |= toMany || sub;
            }
        }
        PlanNode done = new PlanNode(index, parent, alias, junctionAlias, path, model, include, join, List.copyOf(columns), firstSlot,
                keyOffsets, List.copyOf(children), List.copyOf(links), shown, List.copyOf(throughSlots));
        nodes.set(index, done);
        byPath.put(String.join(".", path), done);
        return used;
    }

    /** The root columns a grouped report lists: each must be a group term, or the database would refuse the query. */
    private List<Column<?>> groupedColumns(Attributes attributes) {
        if (attributes.isAll() || !attributes.excluded().isEmpty()) {
            throw new QueryException(spec.root().name() + "'s query groups by " + spec.group() + ", so it cannot read every attribute; "
                    + "list the grouped attributes and the computed ones: attributes(...)");
        }
        for (Column<?> c : attributes.only()) {
            boolean grouped = spec.group().stream().anyMatch(g -> g instanceof Expr.Col && ((Expr.Col<?>) g).ref().path().isEmpty()
                    && ((Expr.Col<?>) g).ref().column().equals(c));
            if (!grouped) {
                throw new QueryException(spec.root().name() + "." + c.name() + " is read but not grouped by; group(...) by it, "
                        + "or aggregate it (min, max, ...)");
            }
        }
        return attributes.only();
    }

    private boolean isReferenced(String path) {
        for (String r : referenced) {
            if (r.equals(path) || r.startsWith(path + ".")) {
                return true;
            }
        }
        return false;
    }
}
