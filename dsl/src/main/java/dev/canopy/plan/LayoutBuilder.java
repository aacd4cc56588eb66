package dev.canopy.plan;

import dev.canopy.error.QueryException;
import dev.canopy.model.Association;
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
            spec.where().forEachColumn(ref -> referenced.add(String.join(".", ref.path())));
        }
        for (Order o : spec.order()) {
            referenced.add(String.join(".", o.column().path()));
        }
    }

    Layout build() {
        if (spec.via() != null) {
            preparePartition(spec.via());
        }
        addNode(-1, List.of(), spec.root(), spec.via(), true);
        Map<Integer, List<org.jooq.Condition>> frozenExists = new HashMap<>();
        exists.forEach((k, v) -> frozenExists.put(k, List.copyOf(v)));
        return new Layout(spec, List.copyOf(nodes), Collections.unmodifiableMap(new LinkedHashMap<>(byPath)), List.copyOf(select),
                List.copyOf(fetches), Collections.unmodifiableMap(frozenExists), Set.copyOf(referenced), partition, junction, arrays);
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
        List<Column<?>> shown = List.copyOf(attributes.select(model));
        List<Column<?>> columns = new ArrayList<>(shown);
        List<Include> includes = parent < 0 ? spec.includes() : include.includes();
        for (Include child : includes) {
            Column<?> key = child.association().keys().source();
            if (!columns.contains(key)) {
                columns.add(key);
            }
        }
        columns.sort(Comparator.comparingInt(Column::index));
        int[] keyOffsets = model.primaryKey().stream().mapToInt(columns::indexOf).toArray();
        int firstSlot = select.size() + 1;
        for (Column<?> c : columns) {
            select.add(Fields.of(alias, c));
        }
        String junctionAlias = parent >= 0 && include.association().kind() == Association.Kind.BELONGS_TO_MANY ? "j" + (++junctions) : null;
        JoinKind join = include == null || parent < 0 ? JoinKind.INNER : include.joinKind();
        nodes.add(null);
        byPath.put(String.join(".", path), new PlanNode(index, parent, alias, junctionAlias, path, model, include, join,
                List.copyOf(columns), firstSlot, keyOffsets, List.of(), List.of(), shown));
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
                keyOffsets, List.copyOf(children), List.copyOf(links), shown);
        nodes.set(index, done);
        byPath.put(String.join(".", path), done);
        return used;
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
