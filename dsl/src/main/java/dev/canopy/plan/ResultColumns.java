package dev.canopy.plan;

import dev.canopy.error.QueryException;
import dev.canopy.error.UnknownColumnException;
import dev.canopy.model.Association;
import dev.canopy.model.Column;
import dev.canopy.model.Model;
import dev.canopy.model.Schema;
import dev.canopy.query.Include;
import dev.canopy.query.JoinKind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The plan of rows that the caller's own SQL returns (Sequelize's {@code sequelize.query(sql, { model, nest: true })}):
 * the result's column labels say which node and attribute each column feeds. A label is an attribute of the root
 * ({@code Name}, or its column's name in the table), or a path of association aliases and an attribute
 * ({@code album.Title}, {@code album.artist.Name}), which includes those associations in the graph. Names are matched
 * exactly, then ignoring case (drivers change the case of unquoted labels). Each node is deduplicated by its primary
 * key when the result has all of its key columns, as a query's rows are; without them every row makes an entity.
 */
public final class ResultColumns {
    private ResultColumns() {}

    /** One node as the labels reveal it. */
    private static final class Draft {
        final Model model;
        final List<String> path;
        final @Nullable Include include;
        final List<Column<?>> columns = new ArrayList<>();
        final List<Integer> slots = new ArrayList<>();
        final Map<String, Draft> children = new LinkedHashMap<>();
        int index;

        Draft(Model model, List<String> path, @Nullable Include include) {
            this.model = model;
            this.path = path;
            this.include = include;
        }
    }

    /**
     * The plan of a result with these column labels (in result order), rooted at {@code root} and resolved in
     * {@code schema}.
     *
     * @throws UnknownColumnException naming the label and the attributes its model has
     * @throws dev.canopy.error.AssociationNotFoundException naming the label's alias and the aliases that exist
     * @throws QueryException when two labels feed the same attribute
     */
    public static Plan plan(Schema schema, Model root, List<String> labels) {
        Draft top = new Draft(root, List.of(), null);
        for (int i = 0; i < labels.size(); i++) {
            String label = labels.get(i);
            String[] parts = label.split("\\.", -1);
            Draft node = top;
            for (int k = 0; k < parts.length - 1; k++) {
                node = child(schema, node, parts[k], label);
            }
            Column<?> c = attribute(node, parts[parts.length - 1], label);
            int at = node.columns.indexOf(c);
            if (at >= 0) {
                throw new QueryException("Result columns '" + labels.get(node.slots.get(at) - 1) + "' and '" + label + "' both give "
                        + node.model.name() + "." + c.name() + (node.path.isEmpty() ? "" : " at '" + String.join(".", node.path) + "'")
                        + "; give each attribute one column");
            }
            node.columns.add(c);
            node.slots.add(i + 1);
        }
        List<Draft> order = new ArrayList<>();
        number(top, order);
        List<PlanNode> nodes = new ArrayList<>();
        int[][] slots = new int[order.size()][];
        for (Draft d : order) {
            slots[d.index] = d.slots.stream().mapToInt(Integer::intValue).toArray();
            nodes.add(node(d, order));
        }
        return new Plan(nodes, slots);
    }

    private static void number(Draft d, List<Draft> order) {
        d.index = order.size();
        order.add(d);
        for (Draft c : d.children.values()) {
            number(c, order);
        }
    }

    private static PlanNode node(Draft d, List<Draft> order) {
        int parent = -1;
        for (Draft p : order) {
            if (p.children.containsValue(d)) {
                parent = p.index;
            }
        }
        List<Column<?>> pk = d.model.primaryKey();
        int[] keyOffsets = d.columns.containsAll(pk) ? pk.stream().mapToInt(d.columns::indexOf).toArray() : new int[0];
        List<Integer> children = new ArrayList<>();
        List<PlanNode.Link> links = new ArrayList<>();
        for (Draft c : d.children.values()) {
            children.add(c.index);
            links.add(new PlanNode.Link(c.path.get(c.path.size() - 1), c.include.association().isToMany(), c.index, -1));
        }
        return new PlanNode(d.index, parent, "r" + d.index, null, d.path, d.model, d.include, parent < 0 ? JoinKind.INNER : JoinKind.LEFT,
                List.copyOf(d.columns), 1, keyOffsets, List.copyOf(children), List.copyOf(links), List.copyOf(d.columns), List.of());
    }

    /** The node a label's alias leads to from {@code parent}, made on first use. */
    private static Draft child(Schema schema, Draft parent, String alias, String label) {
        Association a = schema.findAssociation(parent.model, alias);
        if (a == null) {
            a = unique(schema.associationsOf(parent.model), x -> x.alias().equalsIgnoreCase(alias));
        }
        if (a == null) {
            try {
                schema.association(parent.model, alias);
            } catch (dev.canopy.error.AssociationNotFoundException e) {
                throw new dev.canopy.error.AssociationNotFoundException("Result column '" + label + "': " + e.getMessage());
            }
        }
        Association found = a;
        return parent.children.computeIfAbsent(found.alias(), k -> {
            List<String> path = new ArrayList<>(parent.path);
            path.add(found.alias());
            return new Draft(found.target(), List.copyOf(path), Include.of(found).optional());
        });
    }

    /** The attribute a label names: by attribute name, then by column name, exactly, then ignoring case. */
    private static Column<?> attribute(Draft node, String name, String label) {
        Model m = node.model;
        Column<?> c = m.findColumn(name);
        if (c == null) {
            c = m.findColumnByField(name);
        }
        if (c == null) {
            c = unique(m.columns(), x -> x.name().equalsIgnoreCase(name));
        }
        if (c == null) {
            c = unique(m.columns(), x -> x.field().equalsIgnoreCase(name));
        }
        if (c == null) {
            String where = node.path.isEmpty() ? "the root " + m.name() : "'" + String.join(".", node.path) + "' (" + m.name() + ")";
            throw new UnknownColumnException("Result column '" + label + "' is not an attribute of " + where + "; " + m.name() + " has: "
                    + m.attributeNames() + (node.path.isEmpty() ? "; label an included model's column by its path, e.g. \"album.Title\"" : ""));
        }
        return c;
    }

    private static <T> @Nullable T unique(List<T> items, java.util.function.Predicate<T> test) {
        T found = null;
        for (T t : items) {
            if (test.test(t)) {
                if (found != null) {
                    return null;
                }
                found = t;
            }
        }
        return found;
    }

}
